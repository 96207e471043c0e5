import { useId, useState, type DragEvent } from 'react';
import { useT } from '../../i18n/useT.ts';

/** What the pipeline reads; other files are refused before anything is uploaded. */
export const ACCEPTED = ['.xlsx', '.xls', '.csv', '.txt'] as const;

export function acceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED.some((ext) => lower.endsWith(ext));
}

export interface FileChooserProps {
  readonly onChoose: (file: File) => void;
  /** A file of another type was offered. */
  readonly onRefuse: (name: string) => void;
  readonly busy?: boolean;
}

/** A drop zone with a real file input inside it (keyboard: Tab to the button, Enter or Space). */
export function FileChooser({ onChoose, onRefuse, busy }: FileChooserProps) {
  const t = useT();
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  function offer(file: File | undefined) {
    if (!file) return;
    if (acceptedFile(file.name)) onChoose(file);
    else onRefuse(file.name);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (!busy) offer(e.dataTransfer.files[0]);
  }

  return (
    <div
      className={`drop-zone${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <svg className="drop-zone-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <path d="M12 6h17l9 9v27H12z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
        <path d="M29 6v9h9M25 36V22M19 28l6-6 6 6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="drop-zone-title">{t('import.drop.title')}</p>
      <p className="drop-zone-or">{t('import.drop.or')}</p>
      <label className={`btn btn-primary file-button${busy ? ' is-disabled' : ''}`}>
        <input
          type="file"
          className="sr-only"
          accept={ACCEPTED.join(',')}
          disabled={busy}
          aria-describedby={hintId}
          onChange={(e) => {
            offer(e.target.files?.[0]);
            // The same file can be chosen again after a cancel.
            e.target.value = '';
          }}
        />
        {t('import.drop.choose')}
      </label>
      <p id={hintId} className="drop-zone-hint">
        {t('import.drop.formats')}
      </p>
    </div>
  );
}
