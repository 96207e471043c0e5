/**
 * The choropleth's values: sectoral indicator tables imported through the ordinary import pipeline
 * (two batches that disagree on one region), listed with their periods and coverage per level, and
 * one indicator-period by region — the newest batch's value drawn, the other source named.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contracts/imports.ts';
import type { IndicatorMapValues, IndicatorOption } from '../../shared/contracts/maps.ts';
import type { Warehouse } from '../../electron/warehouse/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { nttWarehouse, value } from './maps-helpers.ts';

const tmp = tempDir('maps-indicators');
let wh: Warehouse;
const batches: number[] = [];

const HEADER = 'Kode Wilayah,Indikator,Periode,Nilai,Satuan,Sumber';
const FIRST = [
  HEADER,
  '53.01,Prevalensi balita stunting,2023,41.2,%,SSGI 2023',
  '53.71,Prevalensi balita stunting,2023,22.5,%,SSGI 2023',
  '53.71.01,Prevalensi balita stunting,2023,19.1,%,SSGI 2023',
  '53.71.02,Prevalensi balita stunting,2023,25.4,%,SSGI 2023',
  '53.01,Prevalensi balita stunting,2022,43.0,%,SSGI 2022',
  '53,Prevalensi balita stunting,2023,37.9,%,SSGI 2023',
  '53.01,Persentase penduduk miskin,2024,21.3,%,BPS',
];
const SECOND = [
  HEADER,
  '53.01,Prevalensi  Balita Stunting,2023,18.4,%,e-PPGBM 2023',
  '53.71,Prevalensi balita stunting,2023,22.5,%,e-PPGBM 2023',
];

beforeAll(async () => {
  wh = await nttWarehouse(join(tmp.dir, 'w.db'));
  for (const [i, lines] of [FIRST, SECOND].entries()) {
    const path = join(tmp.dir, `indikator-${i + 1}.csv`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    batches.push(value<ImportResult>(await wh.call('imports.commit', { file: { path }, source: 'indicator' })).batchId);
  }
}, 60_000);

afterAll(() => {
  wh?.close();
  tmp.cleanup();
});

describe('indicators for the map', () => {
  it('lists indicators (spellings of one name together) with periods newest first and regions per level', async () => {
    const list = value<IndicatorOption[]>(await wh.call('maps.indicators', {}));
    expect(list).toEqual([
      { indicator: 'Persentase penduduk miskin', unit: '%', periods: [{ period: '2024', regions: { 2: 1 } }] },
      {
        indicator: 'Prevalensi Balita Stunting',
        unit: '%',
        periods: [
          { period: '2023', regions: { 2: 2, 3: 2 } },
          { period: '2022', regions: { 2: 1 } },
        ],
      },
    ]);
  });

  it('gives one value per region of the level, the newest batch first, naming the source that disagrees', async () => {
    const v = value<IndicatorMapValues>(await wh.call('maps.indicatorValues', { indicator: 'prevalensi balita stunting', period: '2023', level: 2 }));
    expect(v.unit).toBe('%');
    expect(v.values.map((x) => ({ code: x.code, value: x.value, source: x.source, batch: x.batch.id, conflict: x.conflict }))).toEqual([
      { code: '53.01', value: 18.4, source: 'e-PPGBM 2023', batch: batches[1], conflict: [{ value: 41.2, source: 'SSGI 2023' }] },
      { code: '53.71', value: 22.5, source: 'e-PPGBM 2023', batch: batches[1], conflict: [] },
    ]);
    expect(v.sources).toEqual(['SSGI 2023', 'e-PPGBM 2023']);
    expect(v.values[0]?.batch).toMatchObject({ source: 'indicator', status: 'complete' });
  });

  it('narrows to the regions under a parent at a deeper level, and refuses a parent that cannot hold the level', async () => {
    const v = value<IndicatorMapValues>(await wh.call('maps.indicatorValues', { indicator: 'Prevalensi balita stunting', period: '2023', level: 3, parent: '5371' }));
    expect(v.values.map((x) => [x.code, x.value])).toEqual([['53.71.01', 19.1], ['53.71.02', 25.4]]);
    const none = value<IndicatorMapValues>(await wh.call('maps.indicatorValues', { indicator: 'Prevalensi balita stunting', period: '2023', level: 4 }));
    expect(none.values).toEqual([]);
    const bad = await wh.call('maps.indicatorValues', { indicator: 'Prevalensi balita stunting', period: '2023', level: 2, parent: '53.71' });
    expect(bad.ok).toBe(false);
  });

  it('forgets a deleted batch', async () => {
    value(await wh.call('batches.delete', { id: batches[1] }));
    const v = value<IndicatorMapValues>(await wh.call('maps.indicatorValues', { indicator: 'Prevalensi balita stunting', period: '2023', level: 2 }));
    expect(v.values.map((x) => [x.code, x.value, x.conflict.length])).toEqual([['53.01', 41.2, 0], ['53.71', 22.5, 0]]);
  });
});
