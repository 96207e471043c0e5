import type { UiKey } from '../../../../shared/i18n/ui.ts';
import { regencyKind, villageKind, type Region } from '../../../../shared/model/region.ts';

/** Label key of a region's kind: kabupaten vs kota from the code, desa vs kelurahan by the code segment rule. */
export function regionKindKey(region: Pick<Region, 'code' | 'level'>): UiKey {
  switch (region.level) {
    case 1:
      return 'region.kind.province';
    case 2:
      return regencyKind(region.code) === 'kota' ? 'region.kind.kota' : 'region.kind.kabupaten';
    case 3:
      return 'region.kind.kecamatan';
    case 4: {
      const kind = villageKind(region.code);
      return kind === 'kelurahan' ? 'region.kind.kelurahan' : kind === 'desa' ? 'region.kind.desa' : 'region.kind.village';
    }
  }
}

/** "Kecamatan di …" style heading key for the children of a region of this level. */
export function childrenHeadingKey(parentLevel: Region['level']): UiKey {
  return parentLevel === 1 ? 'picker.childrenOfProvince' : parentLevel === 2 ? 'picker.childrenOfRegency' : 'picker.childrenOfDistrict';
}

/** "{n} kecamatan" style key for the number of children a region of this level has. */
export function childCountKey(level: Region['level']): UiKey {
  return level === 1 ? 'picker.countRegencies' : level === 2 ? 'picker.countDistricts' : 'picker.countVillages';
}
