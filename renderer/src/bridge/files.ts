import type { ImportFile } from '../../../shared/contracts/imports.ts';
import { electronNative } from './native.ts';

/** A file the warehouse can read: its path on the warehouse's machine, its original name and size. */
export interface StagedFile extends ImportFile {
  readonly name: string;
  readonly size: number;
}

/** Thrown when a file cannot be handed to the warehouse; the message is ready to show. */
export class StageError extends Error {
  override readonly name = 'StageError';
}

function isUploadResult(v: unknown): v is StagedFile {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r['path'] === 'string' && typeof r['name'] === 'string' && typeof r['size'] === 'number';
}

/**
 * Hand a picked or dropped file to the warehouse. In Electron the file is read in place (the
 * preload says where it is); in the browser host its bytes are uploaded to the host, which keeps
 * them in a temporary folder for the rest of the session.
 * `noPath` is the message for a file Electron cannot locate (dragged from a web page).
 */
export async function stageFile(file: File, noPath: string): Promise<StagedFile> {
  const native = electronNative();
  if (native) {
    const path = native.pathForFile(file);
    if (!path) throw new StageError(noPath);
    return { path, name: file.name, size: file.size };
  }
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/octet-stream' },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new StageError((await response.text()) || `HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!isUploadResult(body)) throw new StageError(`HTTP ${response.status}`);
  return body;
}

/**
 * Where the planner gets an exported file: a download address in the browser host; null inside
 * Electron, where the file already lies on the planner's own disk at `path`.
 */
export function downloadHref(path: string): string | null {
  if (electronNative()) return null;
  return `/download?path=${encodeURIComponent(path)}`;
}
