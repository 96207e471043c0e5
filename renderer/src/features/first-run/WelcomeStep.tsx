import type { RefObject } from 'react';
import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import { useI18n } from '../../i18n/useT.ts';

export interface WelcomeStepProps {
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly info: WarehouseInfo | undefined;
  readonly onNext: () => void;
}

export function WelcomeStep({ headingRef, info, onNext }: WelcomeStepProps) {
  const { t, num } = useI18n();
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="first-run-title">
        {t('firstRun.welcome.title')}
      </h1>
      <p className="lead">{t('firstRun.welcome.lead')}</p>
      <ul className="feature-list">
        <li>
          <strong>{t('firstRun.welcome.offlineTitle')}</strong> {t('firstRun.welcome.offline')}
        </li>
        <li>
          <strong>{t('firstRun.welcome.referenceTitle')}</strong>{' '}
          {info
            ? t('firstRun.welcome.reference', {
                regencies: num(info.regencies),
                districts: num(info.districts),
                villages: num(info.villages),
                decree: info.regionSource?.decree ?? '—',
              })
            : t('common.loading')}
        </li>
        <li>
          <strong>{t('firstRun.welcome.privacyTitle')}</strong> {t('firstRun.welcome.privacy')}
        </li>
      </ul>
      <div className="first-run-actions">
        <span />
        <button type="button" className="btn btn-primary btn-large" onClick={onNext}>
          {t('firstRun.welcome.start')}
        </button>
      </div>
    </>
  );
}
