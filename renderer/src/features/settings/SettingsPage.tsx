import { useState, type ReactNode } from 'react';
import type { Language, WarehouseInfo } from '../../../../shared/contracts/system.ts';
import { Card } from '../../components/Card.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { toError } from '../../lib/useAsync.ts';
import { ProvincePicker } from '../region-picker/ProvincePicker.tsx';
import { useProvinces } from '../region-picker/useProvinces.ts';
import { LetterheadCard } from './LetterheadCard.tsx';
import { useAppInfo } from './useAppInfo.ts';
import { useSettings } from './useSettings.ts';

function Row({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const LANGUAGES: readonly { readonly lang: Language; readonly name: string }[] = [
  { lang: 'id', name: 'Bahasa Indonesia' },
  { lang: 'en', name: 'English' },
];

/** Language, working province, letterhead of the exported lists, region reference, warehouse file and version. */
export function SettingsPage({ info }: { readonly info: WarehouseInfo }) {
  const { t, num, date } = useI18n();
  const { settings, setLanguage, setWorkingProvince } = useSettings();
  const app = useAppInfo();
  const [error, setError] = useState<Error | null>(null);
  const [changing, setChanging] = useState(false);

  const changeLanguage = (lang: Language) => {
    setError(null);
    setLanguage(lang).catch((e: unknown) => setError(toError(e)));
  };

  return (
    <div className="page page-settings">
      <header className="page-head">
        <h1 tabIndex={-1} className="page-title">
          {t('settings.title')}
        </h1>
        <p className="page-meta">{t('settings.lead')}</p>
      </header>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}

      <div className="settings-grid">
        <Card title={t('settings.language.title')}>
          <fieldset className="radio-group">
            <legend className="sr-only">{t('settings.language.title')}</legend>
            {LANGUAGES.map((l) => (
              <label key={l.lang} className="radio" lang={l.lang}>
                <input
                  type="radio"
                  name="language"
                  value={l.lang}
                  checked={settings.language === l.lang}
                  onChange={() => changeLanguage(l.lang)}
                />
                <span>{l.name}</span>
              </label>
            ))}
          </fieldset>
          <p className="muted">{t('settings.language.note')}</p>
        </Card>

        <Card title={t('settings.province.title')}>
          <p className="settings-province">
            <strong>{info.province?.name ?? '—'}</strong> <span className="muted">{info.province ? t('settings.province.code', { code: info.province.code }) : ''}</span>
          </p>
          <p className="muted">
            {t('settings.province.counts', { regencies: num(info.regencies), districts: num(info.districts), villages: num(info.villages) })}
          </p>
          {changing ? (
            <ChangeProvince
              current={settings.workingProvince}
              onCancel={() => setChanging(false)}
              onSave={(code) => {
                setError(null);
                setWorkingProvince(code).then(
                  () => setChanging(false),
                  (e: unknown) => setError(toError(e)),
                );
              }}
            />
          ) : (
            <button type="button" className="btn btn-secondary" onClick={() => setChanging(true)}>
              {t('settings.province.change')}
            </button>
          )}
        </Card>

        <LetterheadCard />

        <Card title={t('settings.reference.title')}>
          {info.regionSource ? (
            <dl className="dl">
              <Row term={t('settings.reference.decree')}>{info.regionSource.decree}</Row>
              <Row term={t('settings.reference.package')}>
                <code>
                  {info.regionSource.package} {info.regionSource.packageVersion}
                </code>
              </Row>
              <Row term={t('settings.reference.loadedAt')}>{date(info.regionSource.loadedAt, true)}</Row>
            </dl>
          ) : (
            <p className="muted">{t('settings.reference.none')}</p>
          )}
        </Card>

        <Card title={t('settings.warehouse.title')}>
          <dl className="dl">
            <Row term={t('settings.warehouse.path')}>
              <code className="path" data-testid="db-path">
                {info.dbPath}
              </code>
            </Row>
            <Row term={t('settings.warehouse.schema')}>
              <span data-testid="schema-version">{num(info.schemaVersion)}</span>
            </Row>
            <Row term={t('settings.warehouse.batches')}>{num(info.batches.length)}</Row>
          </dl>
        </Card>

        <Card title={t('settings.about.title')} className="settings-about">
          <p>{t('settings.about.text')}</p>
          {app.data ? (
            <dl className="dl">
              <Row term={t('settings.about.version')}>
                {app.data.name} {app.data.version}
              </Row>
              <Row term={t('settings.about.host')}>{t(app.data.host === 'electron' ? 'settings.about.hostElectron' : 'settings.about.hostBrowser')}</Row>
            </dl>
          ) : (
            <Loading text={t('common.loading')} />
          )}
          <p className="muted">{t('settings.about.privacy')}</p>
        </Card>
      </div>
    </div>
  );
}

function ChangeProvince({
  current,
  onCancel,
  onSave,
}: {
  readonly current: string | null;
  readonly onCancel: () => void;
  readonly onSave: (code: string) => void;
}) {
  const t = useI18n().t;
  const provinces = useProvinces();
  const [code, setCode] = useState(current);
  if (provinces.error) return <ErrorBanner error={provinces.error} onRetry={provinces.reload} />;
  if (!provinces.data) return <Loading text={t('common.loading')} />;
  return (
    <div className="change-province">
      <ProvincePicker provinces={provinces.data} value={code} onChange={setCode} label={t('settings.province.listLabel')} />
      <p className="muted">{t('settings.province.changeNote')}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" disabled={!code || code === current} onClick={() => code && onSave(code)}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
