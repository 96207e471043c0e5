import { useEffect, useRef, useState } from 'react';
import type { WarehouseInfo } from '../../../../shared/contracts/system.ts';
import { useI18n } from '../../i18n/useT.ts';
import { DataStep } from './DataStep.tsx';
import { ProvinceStep } from './ProvinceStep.tsx';
import { WelcomeStep } from './WelcomeStep.tsx';

type Step = 'welcome' | 'province' | 'data';
const STEPS: readonly Step[] = ['welcome', 'province', 'data'];

export interface FirstRunProps {
  /** Reference counts for the welcome text (all of Indonesia before a province is chosen). */
  readonly info: WarehouseInfo | undefined;
  /** The working province is stored; go to Beranda. */
  readonly onFinish: () => void;
}

/** Welcome → working province → demo data or an empty warehouse. */
export function FirstRun({ info, onFinish }: FirstRunProps) {
  const { t, num } = useI18n();
  const [step, setStep] = useState<Step>('welcome');
  const [province, setProvince] = useState<{ code: string; name: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Move the focus to the new step's heading, except on the very first paint.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const stepIndex = STEPS.indexOf(step);
  const stepLabels = [t('firstRun.step.welcome'), t('firstRun.step.province'), t('firstRun.step.data')];

  return (
    <div className="first-run">
      <ol className="steps" aria-label={t('firstRun.stepsLabel')}>
        {stepLabels.map((label, i) => (
          <li key={label} className={i < stepIndex ? 'is-done' : i === stepIndex ? 'is-current' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
            <span className="steps-number" aria-hidden="true">
              {num(i + 1)}
            </span>
            <span className="steps-label">{label}</span>
            <span className="sr-only">{i < stepIndex ? t('firstRun.stepDone') : ''}</span>
          </li>
        ))}
      </ol>
      <div className="first-run-panel">
        {step === 'welcome' ? <WelcomeStep headingRef={heading} info={info} onNext={() => setStep('province')} /> : null}
        {step === 'province' ? (
          <ProvinceStep
            headingRef={heading}
            onBack={() => setStep('welcome')}
            onNext={(p) => {
              setProvince(p);
              setStep('data');
            }}
          />
        ) : null}
        {step === 'data' && province ? (
          <DataStep headingRef={heading} province={province} onBack={() => setStep('province')} onFinish={onFinish} />
        ) : null}
      </div>
    </div>
  );
}
