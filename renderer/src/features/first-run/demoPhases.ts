import type { UiKey } from '../../../../shared/i18n/ui.ts';
import type { Params } from '../../i18n/I18nProvider.tsx';

/** Phases the demo loader reports in `job.progress`; an unknown phase is shown as sent. */
const PHASES: Readonly<Record<string, UiKey>> = {
  plan: 'demo.phase.starting',
  villages: 'demo.phase.villages',
  import: 'demo.phase.import',
  done: 'demo.phase.done',
};

export function phaseLabel(t: (key: UiKey, params?: Params) => string, phase: string): string {
  const key = PHASES[phase];
  return key ? t(key) : phase;
}

