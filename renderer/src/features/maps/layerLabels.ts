import type { MatchMethod } from '../../../../shared/contracts/maps.ts';
import type { UiKey } from '../../../../shared/i18n/ui.ts';

/** How a boundary feature was matched to a region, in the order planners read them. */
export const MATCH_METHODS: readonly MatchMethod[] = ['code', 'bps_code', 'name', 'manual'];

export const METHOD_LABEL: Readonly<Record<MatchMethod, UiKey>> = {
  code: 'maps.method.code',
  bps_code: 'maps.method.bps_code',
  name: 'maps.method.name',
  manual: 'maps.method.manual',
};
