import { useEffect } from 'react';
import { levelOfCode, parentOfCode, type Region } from '../../../../shared/model/region.ts';
import type { AsyncState } from '../../lib/useAsync.ts';
import { useRegionPath } from './useRegionPath.ts';

export interface RegionNavigation {
  /** The region shown: the address's code when it lies in the province, else the province. */
  readonly selected: string;
  readonly path: AsyncState<readonly Region[]>;
  /** The selected region once its path has loaded (the province at once). */
  readonly current: Region | null;
  readonly crumbs: readonly Region[];
  /** Whose children the list shows: the region itself, or a desa's kecamatan. */
  readonly listParent: Region;
}

function inProvince(code: string | null, province: string): code is string {
  return code !== null && (code === province || code.startsWith(`${province}.`));
}

/**
 * The region picker's state for a page addressed by region code (Beranda, Profil Wilayah): the
 * path, breadcrumb and list parent, and a return to the province for an unknown code.
 */
export function useRegionNavigation(province: Region, regionCode: string | null, onRegionChange: (code: string | null) => void): RegionNavigation {
  const selected = inProvince(regionCode, province.code) ? regionCode : province.code;
  const path = useRegionPath(selected);

  useEffect(() => {
    // An unknown code in the address: back to the whole province.
    if (!path.loading && path.data?.length === 0) onRegionChange(null);
  }, [path.loading, path.data, onRegionChange]);

  const freshPath = path.data && path.data.at(-1)?.code === selected ? path.data : null;
  const current = freshPath?.at(-1) ?? (selected === province.code ? province : null);
  const crumbs = freshPath ?? (selected === province.code ? [province] : []);
  const level = levelOfCode(selected) ?? 1;
  const listCode = level < 4 ? selected : (parentOfCode(selected) ?? province.code);
  // The list stays mounted while a new path loads (it keeps the keyboard focus); its heading
  // takes the name from the newest path that has it.
  const listParent: Region = {
    code: listCode,
    parentCode: parentOfCode(listCode),
    level: levelOfCode(listCode) ?? 1,
    name: (freshPath ?? path.data ?? []).find((r) => r.code === listCode)?.name ?? (listCode === province.code ? province.name : ''),
  };
  return { selected, path, current, crumbs, listParent };
}
