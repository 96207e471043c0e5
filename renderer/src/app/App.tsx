import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Language } from '../../../shared/contracts/system.ts';
import { AppShell, type NavItem } from '../components/layout/AppShell.tsx';
import { LanguageSwitch } from '../components/layout/LanguageSwitch.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Loading } from '../components/Loading.tsx';
import { AnalysisPage } from '../features/analysis/AnalysisPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { ConvergencePage } from '../features/convergence/ConvergencePage.tsx';
import { FirstRun } from '../features/first-run/FirstRun.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ImportPage } from '../features/import/ImportPage.tsx';
import { LinkagePage } from '../features/linkage/LinkagePage.tsx';
import { MapPage } from '../features/maps/MapPage.tsx';
import { ProfilePage } from '../features/profile/ProfilePage.tsx';
import { ListPage } from '../features/programs/ListPage.tsx';
import type { ProgramNav } from '../features/programs/nav.ts';
import { ProgramEditorPage } from '../features/programs/ProgramEditorPage.tsx';
import { ProgramsPage } from '../features/programs/ProgramsPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SettingsProvider, type SettingsValue } from '../features/settings/SettingsProvider.tsx';
import { useSettings } from '../features/settings/useSettings.ts';
import { useSettingsState } from '../features/settings/useSettingsState.ts';
import { useWarehouseInfo } from '../features/settings/useWarehouseInfo.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { useT } from '../i18n/useT.ts';
import { toError } from '../lib/useAsync.ts';
import { routeHref } from './route.ts';
import { useHashRoute } from './useHashRoute.ts';

const NAV_TITLE = {
  beranda: 'nav.home',
  impor: 'nav.import',
  analisis: 'nav.analysis',
  profil: 'nav.profile',
  peta: 'maps.nav',
  program: 'nav.programs',
  daftar: 'nav.programs',
  konvergensi: 'conv.nav',
  'padu-padan': 'link.nav',
  audit: 'audit.nav',
  pengaturan: 'nav.settings',
} as const;

/** Loads the settings (language, working province) before anything else is drawn. */
export function App() {
  const state = useSettingsState();
  const { settings, setLanguage, setWorkingProvince } = state;
  const value = useMemo<SettingsValue | null>(
    () => (settings ? { settings, setLanguage, setWorkingProvince } : null),
    [settings, setLanguage, setWorkingProvince],
  );
  if (!value) {
    return (
      <I18nProvider lang="id">
        <Boot error={state.error} onRetry={state.reload} />
      </I18nProvider>
    );
  }
  return (
    <I18nProvider lang={value.settings.language}>
      <SettingsProvider value={value}>
        <Root />
      </SettingsProvider>
    </I18nProvider>
  );
}

function Boot({ error, onRetry }: { readonly error: Error | null; readonly onRetry: () => void }) {
  const t = useT();
  return (
    <AppShell navItems={[]}>
      {error ? <ErrorBanner error={error} context={t('app.bootFailed')} onRetry={onRetry} /> : <Loading text={t('app.starting')} />}
    </AppShell>
  );
}

function Root() {
  const t = useT();
  const { settings, setLanguage } = useSettings();
  const info = useWarehouseInfo();
  const [route, navigate] = useHashRoute();
  // Decided once: a reload during the first run lands on Beranda, whose empty state offers the demo.
  const [firstRun, setFirstRun] = useState(settings.workingProvince === null);
  const [languageBusy, setLanguageBusy] = useState(false);
  const [appError, setAppError] = useState<Error | null>(null);

  const changeLanguage = (lang: Language) => {
    setLanguageBusy(true);
    setAppError(null);
    setLanguage(lang).then(
      () => setLanguageBusy(false),
      (e: unknown) => {
        setLanguageBusy(false);
        setAppError(toError(e));
      },
    );
  };

  const showFirstRun = firstRun || settings.workingProvince === null;
  const view = route.view;
  const title = showFirstRun ? t('firstRun.windowTitle') : t(NAV_TITLE[view]);
  useEffect(() => {
    document.title = `${title} · Padu`;
  }, [title]);

  // Moving between views puts the focus on the new page's heading (not on the first paint).
  // A program or list opened from another one counts as a move too.
  // Opening a padu-padan run stays on the same screen: the focus stays where the planner clicked.
  const viewKey = view === 'padu-padan' ? view : `${view}/${route.item ?? ''}`;
  const lastView = useRef(viewKey);
  useEffect(() => {
    if (lastView.current === viewKey) return;
    lastView.current = viewKey;
    document.querySelector<HTMLElement>('#main h1')?.focus();
  }, [viewKey]);

  const onRegionChange = useCallback((code: string | null) => navigate({ view: 'beranda', region: code }), [navigate]);
  const onConvergenceRegion = useCallback((code: string | null) => navigate({ view: 'konvergensi', region: code }), [navigate]);
  const onMapNavigate = useCallback(
    (code: string | null, level: 2 | 3 | 4 | null) => navigate(level === null ? { view: 'peta', region: code } : { view: 'peta', region: code, level }),
    [navigate],
  );
  const onOpenRun = useCallback(
    (runId: number | null) => navigate(runId === null ? { view: 'padu-padan', region: null } : { view: 'padu-padan', region: null, item: runId }),
    [navigate],
  );
  const programNav = useMemo<ProgramNav>(
    () => ({
      openProgram: (id) => navigate(id === null ? { view: 'program', region: null } : { view: 'program', region: null, item: id }),
      openList: (listId) => navigate({ view: 'daftar', region: null, item: listId }),
    }),
    [navigate],
  );

  const languageSwitch = <LanguageSwitch value={settings.language} onChange={changeLanguage} busy={languageBusy} />;
  const notice = appError ? <ErrorBanner error={appError} onDismiss={() => setAppError(null)} /> : null;

  if (showFirstRun) {
    return (
      <AppShell navItems={[]} headerEnd={languageSwitch} notice={notice}>
        <FirstRun
          info={info.data}
          onFinish={() => {
            setFirstRun(false);
            navigate({ view: 'beranda', region: null });
            info.reload();
          }}
        />
      </AppShell>
    );
  }

  const navItems: NavItem[] = [
    { id: 'beranda', label: t('nav.home'), href: routeHref({ view: 'beranda', region: route.view === 'beranda' ? route.region : null }), current: view === 'beranda' },
    { id: 'impor', label: t('nav.import'), href: routeHref({ view: 'impor', region: null }), current: view === 'impor' },
    { id: 'analisis', label: t('nav.analysis'), href: routeHref({ view: 'analisis', region: null }), current: view === 'analisis' },
    { id: 'profil', label: t('nav.profile'), href: routeHref({ view: 'profil', region: route.view === 'profil' ? route.region : null }), current: view === 'profil' },
    { id: 'peta', label: t('maps.nav'), href: routeHref(view === 'peta' ? route : { view: 'peta', region: null }), current: view === 'peta' },
    { id: 'program', label: t('nav.programs'), href: routeHref({ view: 'program', region: null }), current: view === 'program' || view === 'daftar' },
    { id: 'konvergensi', label: t('conv.nav'), href: routeHref({ view: 'konvergensi', region: route.view === 'konvergensi' ? route.region : null }), current: view === 'konvergensi' },
    { id: 'padu-padan', label: t('link.nav'), href: routeHref({ view: 'padu-padan', region: null }), current: view === 'padu-padan' },
    { id: 'audit', label: t('audit.nav'), href: routeHref({ view: 'audit', region: null }), current: view === 'audit' },
    { id: 'pengaturan', label: t('nav.settings'), href: routeHref({ view: 'pengaturan', region: null }), current: view === 'pengaturan' },
  ];
  const province = info.data?.province ?? null;
  const headerEnd = (
    <>
      {province ? (
        <p className="province-chip">
          <span className="province-chip-label">{t('shell.workingProvince')}</span>
          <span className="province-chip-name">{province.name}</span>
        </p>
      ) : null}
      {languageSwitch}
    </>
  );

  let page;
  if (info.error && !info.data) page = <ErrorBanner error={info.error} context={t('app.infoFailed')} onRetry={info.reload} />;
  else if (!info.data) page = <Loading text={t('common.loading')} />;
  else if (view === 'pengaturan') page = <SettingsPage info={info.data} />;
  else if (view === 'impor') page = <ImportPage />;
  else if (view === 'analisis') page = <AnalysisPage />;
  else if (view === 'audit') page = <AuditPage />;
  else if (view === 'konvergensi' && province) page = <ConvergencePage info={info.data} province={province} regionCode={route.region} onRegionChange={onConvergenceRegion} />;
  else if (view === 'padu-padan' && province) page = <LinkagePage info={info.data} province={province} runId={typeof route.item === 'number' ? route.item : null} onOpenRun={onOpenRun} />;
  else if (view === 'program' && route.item === undefined) page = <ProgramsPage nav={programNav} />;
  else if (view === 'program' && province) page = <ProgramEditorPage key={String(route.item)} programId={route.item === 'baru' || route.item === undefined ? null : route.item} province={province} nav={programNav} />;
  else if (view === 'daftar' && typeof route.item === 'number') page = <ListPage listId={route.item} nav={programNav} />;
  else if (view === 'peta' && province) page = <MapPage province={province} regionCode={route.region} level={route.level ?? null} onNavigate={onMapNavigate} />;
  else if (view === 'profil' && province) page = <ProfilePage province={province} regionCode={route.region} onRegionChange={(code) => navigate({ view: 'profil', region: code })} />;
  else if (province) page = <HomePage info={info.data} province={province} regionCode={route.region} onRegionChange={onRegionChange} />;
  else page = <Loading text={t('common.loading')} />;

  return (
    <AppShell navItems={navItems} headerEnd={headerEnd} notice={notice}>
      {page}
    </AppShell>
  );
}
