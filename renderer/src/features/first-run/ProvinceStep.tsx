import { useState, type RefObject } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useT } from '../../i18n/useT.ts';
import { toError } from '../../lib/useAsync.ts';
import { ProvincePicker } from '../region-picker/ProvincePicker.tsx';
import { useProvinces } from '../region-picker/useProvinces.ts';
import { useSettings } from '../settings/useSettings.ts';

/** Nusa Tenggara Timur: the province Padu is first built for (DOMAIN.md §3). */
export const DEFAULT_PROVINCE = '53';

export interface ProvinceStepProps {
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onBack: () => void;
  readonly onNext: (province: { code: string; name: string }) => void;
}

export function ProvinceStep({ headingRef, onBack, onNext }: ProvinceStepProps) {
  const t = useT();
  const { setWorkingProvince } = useSettings();
  const provinces = useProvinces();
  const [code, setCode] = useState<string>(DEFAULT_PROVINCE);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  function save() {
    const chosen = provinces.data?.find((p) => p.code === code);
    if (!chosen) return;
    setSaving(true);
    setError(null);
    setWorkingProvince(chosen.code).then(
      () => {
        setSaving(false);
        onNext({ code: chosen.code, name: chosen.name });
      },
      (e: unknown) => {
        setSaving(false);
        setError(toError(e));
      },
    );
  }

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="first-run-title">
        {t('firstRun.province.title')}
      </h1>
      <p className="lead">{t('firstRun.province.lead')}</p>
      {provinces.error ? <ErrorBanner error={provinces.error} context={t('firstRun.province.loadFailed')} onRetry={provinces.reload} /> : null}
      {error ? <ErrorBanner error={error} context={t('firstRun.province.saveFailed')} onDismiss={() => setError(null)} /> : null}
      {provinces.data ? (
        <ProvincePicker provinces={provinces.data} value={code} onChange={setCode} label={t('firstRun.province.listLabel')} />
      ) : (
        <Loading text={t('common.loading')} />
      )}
      <div className="first-run-actions">
        <button type="button" className="btn btn-ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="btn btn-primary btn-large" onClick={save} disabled={saving || !provinces.data}>
          {saving ? t('common.saving') : t('common.next')}
        </button>
      </div>
    </>
  );
}
