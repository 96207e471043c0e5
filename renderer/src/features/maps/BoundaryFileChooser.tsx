import { useId, useState, type DragEvent } from 'react';
import { useI18n } from '../../i18n/useT.ts';

/** Boundary files the warehouse reads: GeoJSON, TopoJSON, a zipped Shapefile. */
export const BOUNDARY_EXTENSIONS = ['.geojson', '.json', '.topojson', '.zip'] as const;

export function boundaryFile(name: string): boolean {
  const lower = name.toLowerCase();
  return BOUNDARY_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface BoundaryFileChooserProps {
  readonly onChoose: (file: File) => void;
  readonly busy: boolean;
}

/**
 * A drop zone with a real file input (keyboard: Tab to the button, Enter or Space), like the data
 * import's; another kind of file is refused before anything is uploaded.
 */
export function BoundaryFileChooser({ onChoose, busy }: BoundaryFileChooserProps) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const hintId = useId();

  const offer = (file: File | undefined) => {
    if (!file) return;
    if (boundaryFile(file.name)) {
      setRefused(null);
      onChoose(file);
    } else setRefused(file.name);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) offer(e.dataTransfer.files[0]);
  };

  return (
    <div
      className={`drop-zone map-drop${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="drop-zone-title">{t('maps.import.drop')}</p>
      <label className={`btn btn-primary file-button${busy ? ' is-disabled' : ''}`}>
        <input
          type="file"
          className="sr-only"
          accept={BOUNDARY_EXTENSIONS.join(',')}
          disabled={busy}
          aria-describedby={hintId}
          data-testid="map-file"
          onChange={(e) => {
            offer(e.target.files?.[0]);
            // The same file can be chosen again (a corrected version under the same name).
            e.target.value = '';
          }}
        />
        {t('maps.import.choose')}
      </label>
      <p id={hintId} className="drop-zone-hint">
        {t('maps.import.formats')}
      </p>
      {refused ? (
        <p className="warn-text" role="alert">
          {t('maps.import.refused', { name: refused })}
        </p>
      ) : null}
    </div>
  );
}
