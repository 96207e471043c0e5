import { useId, type ReactNode } from 'react';

export interface CardProps {
  readonly title?: ReactNode;
  /** Heading level of the title (default 2). */
  readonly level?: 2 | 3;
  readonly subtitle?: ReactNode;
  /** Right side of the card header (small actions, badges). */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string;
  readonly busy?: boolean;
}

/** A titled surface; the title labels the section for assistive technology. */
export function Card({ title, level = 2, subtitle, actions, children, className, busy }: CardProps) {
  const id = useId();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={title ? id : undefined} aria-busy={busy || undefined}>
      {title || actions ? (
        <div className="card-head">
          <div>
            {title ? (
              <H id={id} className="card-title">
                {title}
              </H>
            ) : null}
            {subtitle ? <p className="card-subtitle">{subtitle}</p> : null}
          </div>
          {actions ? <div className="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
