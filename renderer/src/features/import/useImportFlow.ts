import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPlan, ImportPreview, ImportResult, PreviewArgs } from '../../../../shared/contracts/imports.ts';
import type { ImportProgress } from '../../../../shared/contracts/events.ts';
import { WarehouseCallError, warehouse } from '../../bridge/index.ts';
import { stageFile, type StagedFile } from '../../bridge/files.ts';
import { toError } from '../../lib/useAsync.ts';

export type FlowStep = 'choose' | 'uploading' | 'preview' | 'committing' | 'done';

/** What the planner chose about how to read the file (everything but the file itself). */
export type PreviewRequest = Omit<PreviewArgs, 'file' | 'jobId'>;

export interface CommitChoice {
  readonly label: string;
  readonly vintage: string;
  readonly allowDuplicate: boolean;
}

/** A job the planner stopped; shown as a calm note, not an error. */
export type CancelNote = 'preview' | 'commit' | null;

export interface ImportFlow {
  readonly step: FlowStep;
  readonly file: StagedFile | null;
  readonly preview: ImportPreview | null;
  /** The choices the shown preview (or the one running) was asked for. */
  readonly request: PreviewRequest;
  /** A preview is being computed (the first one, or a re-run after a change). */
  readonly previewing: boolean;
  /** Progress of the running preview or commit. */
  readonly progress: ImportProgress | null;
  readonly result: ImportResult | null;
  readonly error: Error | null;
  readonly cancelled: CancelNote;
  readonly choose: (file: File) => void;
  /** Read the file again with other choices (source, sheets, mapping). */
  readonly rerun: (request: PreviewRequest) => void;
  /** Re-run with the preview's plan and a changed mapping. */
  readonly remap: (mapping: readonly (string | null)[]) => void;
  readonly commit: (choice: CommitChoice) => void;
  /** Stop the running preview or commit. */
  readonly cancel: () => void;
  /** Back to choosing a file. */
  readonly reset: () => void;
  readonly dismissError: () => void;
}

function isCancelled(e: unknown): boolean {
  return e instanceof WarehouseCallError && e.kind === 'cancelled';
}

/**
 * The import of one file: stage it for the warehouse, preview it (again after every change of
 * source, sheet or mapping; a newer preview supersedes and cancels an older one), then commit the
 * confirmed plan, with the progress events of whichever job is running.
 */
export function useImportFlow(noPathMessage: string): ImportFlow {
  const [step, setStep] = useState<FlowStep>('choose');
  const [file, setFile] = useState<StagedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [request, setRequest] = useState<PreviewRequest>({});
  const [previewing, setPreviewing] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [cancelled, setCancelled] = useState<CancelNote>(null);

  /** The job whose events and answer count; anything older is ignored. */
  const job = useRef<string | null>(null);
  const jobKind = useRef<'preview' | 'commit'>('preview');
  /** The request of the preview on screen, to fall back to when a re-run is cancelled. */
  const shown = useRef<PreviewRequest>({});
  const fileRef = useRef<StagedFile | null>(null);
  const previewRef = useRef<ImportPreview | null>(null);

  useEffect(
    () =>
      warehouse().on('import.progress', (p) => {
        if (p.jobId === job.current) setProgress(p);
      }),
    [],
  );

  const stopJob = useCallback(() => {
    const id = job.current;
    job.current = null;
    if (id) warehouse().call('imports.cancel', { jobId: id }).catch(() => undefined);
  }, []);

  // Leaving the page stops a preview nobody will look at; a commit goes on (its batch appears
  // in the list and on Beranda when it is done).
  useEffect(
    () => () => {
      if (jobKind.current === 'preview') stopJob();
    },
    [stopJob],
  );

  const runPreview = useCallback((staged: StagedFile, next: PreviewRequest) => {
    if (job.current) stopJob();
    const jobId = crypto.randomUUID();
    job.current = jobId;
    jobKind.current = 'preview';
    setRequest(next);
    setPreviewing(true);
    setProgress(null);
    setError(null);
    setCancelled(null);
    warehouse()
      .call('imports.preview', { ...next, file: { path: staged.path, name: staged.name }, jobId })
      .then(
        (p) => {
          if (job.current !== jobId) return;
          job.current = null;
          shown.current = next;
          previewRef.current = p;
          setPreview(p);
          setPreviewing(false);
          setProgress(null);
          setStep('preview');
        },
        (e: unknown) => {
          // Superseded by a newer preview, or the flow was reset: nothing to show.
          if (job.current !== jobId) return;
          job.current = null;
          setPreviewing(false);
          setProgress(null);
          setRequest(shown.current);
          if (isCancelled(e)) setCancelled('preview');
          else setError(toError(e));
          // Without a preview to go back to, the planner chooses a file again.
          if (!previewRef.current) setStep('choose');
        },
      );
  }, [stopJob]);

  const choose = useCallback(
    (picked: File) => {
      stopJob();
      setStep('uploading');
      setPreview(null);
      previewRef.current = null;
      setResult(null);
      setError(null);
      setCancelled(null);
      setFile(null);
      shown.current = {};
      stageFile(picked, noPathMessage).then(
        (staged) => {
          fileRef.current = staged;
          setFile(staged);
          runPreview(staged, {});
        },
        (e: unknown) => {
          setError(toError(e));
          setStep('choose');
        },
      );
    },
    [noPathMessage, runPreview, stopJob],
  );

  const rerun = useCallback(
    (next: PreviewRequest) => {
      const staged = fileRef.current;
      if (staged) runPreview(staged, next);
    },
    [runPreview],
  );

  const remap = useCallback(
    (mapping: readonly (string | null)[]) => {
      const staged = fileRef.current;
      const current = previewRef.current;
      if (!staged || !current) return;
      const plan: ImportPlan = { ...current.plan, mapping };
      runPreview(staged, { ...shown.current, source: plan.source, sheets: plan.sheets, plan });
    },
    [runPreview],
  );

  const commit = useCallback(
    (choice: CommitChoice) => {
      const staged = fileRef.current;
      const current = previewRef.current;
      if (!staged || !current || job.current) return;
      const jobId = crypto.randomUUID();
      job.current = jobId;
      jobKind.current = 'commit';
      setStep('committing');
      setProgress(null);
      setError(null);
      setCancelled(null);
      warehouse()
        .call('imports.commit', {
          file: { path: staged.path, name: staged.name },
          plan: current.plan,
          label: choice.label.trim(),
          vintage: choice.vintage.trim() === '' ? null : choice.vintage.trim(),
          saveProfile: true,
          allowDuplicate: choice.allowDuplicate,
          jobId,
        })
        .then(
          (r) => {
            if (job.current === jobId) job.current = null;
            setResult(r);
            setProgress(null);
            setStep('done');
          },
          (e: unknown) => {
            if (job.current === jobId) job.current = null;
            setProgress(null);
            setStep('preview');
            if (isCancelled(e)) setCancelled('commit');
            else setError(toError(e));
          },
        );
    },
    [],
  );

  const cancel = useCallback(() => {
    const id = job.current;
    if (!id) return;
    // The running call answers with `cancelled`; its handler puts the screen back.
    warehouse()
      .call('imports.cancel', { jobId: id })
      .catch((e: unknown) => setError(toError(e)));
  }, []);

  const reset = useCallback(() => {
    stopJob();
    fileRef.current = null;
    previewRef.current = null;
    shown.current = {};
    setStep('choose');
    setFile(null);
    setPreview(null);
    setRequest({});
    setPreviewing(false);
    setProgress(null);
    setResult(null);
    setError(null);
    setCancelled(null);
  }, [stopJob]);

  const dismissError = useCallback(() => setError(null), []);

  return { step, file, preview, request, previewing, progress, result, error, cancelled, choose, rerun, remap, commit, cancel, reset, dismissError };
}
