import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT.ts';
import { BrandMark } from './BrandMark.tsx';

export interface NavItem {
  readonly id: string;
  readonly label: string;
  readonly href: string;
  readonly current: boolean;
}

export interface AppShellProps {
  /** Only what works today; an empty list hides the navigation (first run). */
  readonly navItems: readonly NavItem[];
  /** Right end of the header: working province, language switch. */
  readonly headerEnd?: ReactNode;
  /** App-level messages shown above the page (errors from the warehouse). */
  readonly notice?: ReactNode;
  readonly children: ReactNode;
}

/** Skip link, banner with brand/navigation/language, the main landmark, a footer. */
export function AppShell({ navItems, headerEnd, notice, children }: AppShellProps) {
  const t = useT();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="shell-header">
        <div className="shell-header-inner">
          <div className="brand">
            <BrandMark />
            <div>
              <span className="brand-name">Padu</span>
              <span className="brand-tagline">{t('shell.tagline')}</span>
            </div>
          </div>
          {navItems.length > 0 ? (
            <nav className="shell-nav" aria-label={t('shell.navLabel')}>
              <ul>
                {navItems.map((item) => (
                  <li key={item.id}>
                    <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="shell-header-end">{headerEnd}</div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {notice}
        {children}
      </main>
      <footer className="shell-footer">
        <p>{t('shell.footer')}</p>
      </footer>
    </div>
  );
}
