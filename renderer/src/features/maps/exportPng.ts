/**
 * The saved map: the map as painted at print resolution, with the title above it, the legend
 * beside it and the notes (filters, sources and vintages, regions without a polygon) below it,
 * composed on one canvas — an image that says what it shows and where the numbers come from.
 */
import { CHART_FONT } from '../../components/Chart.tsx';
import type { LegendEntry } from './legend.ts';
import { NO_DATA_FILL, NO_DATA_HATCH } from './palette.ts';

export interface PngContent {
  readonly title: string;
  /** Under the title: filters, how the classes were made. */
  readonly lines: readonly string[];
  readonly legendTitle: string;
  readonly measure: string;
  readonly entries: readonly (LegendEntry & { readonly countText: string })[];
  /** Under the map: sources and vintages, what shares are of, regions without a polygon. */
  readonly notes: readonly string[];
  readonly footer: string;
}

const MARGIN = 28;
const GAP = 28;
const LEGEND_WIDTH = 300;
const TEXT = '#1b2420';
const MUTED = '#55615c';

function font(size: number, bold = false): string {
  return `${bold ? '700 ' : ''}${size}px ${CHART_FONT}`;
}

/** Lines of at most `width` pixels in the context's current font (a longer word stays whole). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

interface Block {
  readonly lines: readonly string[];
  readonly size: number;
  readonly height: number;
  readonly bold: boolean;
  readonly color: string;
}

function block(ctx: CanvasRenderingContext2D, texts: readonly string[], width: number, size: number, lineHeight: number, bold: boolean, color: string): Block {
  ctx.font = font(size, bold);
  const lines = texts.flatMap((t) => wrap(ctx, t, width));
  return { lines, size, height: lines.length * lineHeight, bold, color };
}

function drawBlock(ctx: CanvasRenderingContext2D, b: Block, x: number, y: number, lineHeight: number): number {
  ctx.font = font(b.size, b.bold);
  ctx.fillStyle = b.color;
  b.lines.forEach((line, i) => ctx.fillText(line, x, y + i * lineHeight));
  return y + b.lines.length * lineHeight;
}

/** The "no data" swatch: light grey with diagonal grey lines, as on the map. */
function hatchedSwatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.fillStyle = NO_DATA_FILL;
  ctx.fillRect(x, y, w, h);
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = NO_DATA_HATCH;
  ctx.lineWidth = 1;
  for (let d = -h; d < w; d += 4) {
    ctx.beginPath();
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * Compose the image. `map` is the map painted at `pixelRatio`; everything else is laid out in
 * screen pixels and drawn at the same ratio, so the text is as sharp as the map.
 */
export function composeMapImage(map: HTMLCanvasElement, content: PngContent, pixelRatio: number): HTMLCanvasElement {
  const mapW = map.width / pixelRatio;
  const mapH = map.height / pixelRatio;
  const width = MARGIN + mapW + GAP + LEGEND_WIDTH + MARGIN;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.textBaseline = 'top';

  const full = width - 2 * MARGIN;
  const title = block(ctx, [content.title], full, 22, 28, true, TEXT);
  const lines = block(ctx, content.lines, full, 14, 19, false, MUTED);
  const legendTitle = block(ctx, [content.legendTitle], LEGEND_WIDTH, 15, 20, true, TEXT);
  const measure = block(ctx, [content.measure], LEGEND_WIDTH, 13, 18, false, MUTED);
  const rowH = 26;
  const labelW = LEGEND_WIDTH - 30;
  const entryLines = content.entries.map((e) => block(ctx, [`${e.label} · ${e.countText}`], labelW, 14, 18, false, TEXT));
  const legendH = legendTitle.height + 6 + measure.height + 12 + entryLines.reduce((s, b) => s + Math.max(rowH, b.height + 8), 0);
  const notes = block(ctx, content.notes, full, 13, 18, false, MUTED);
  const footer = block(ctx, [content.footer], full, 12, 16, false, MUTED);

  const top = MARGIN + title.height + 8 + (lines.height > 0 ? lines.height + 10 : 0);
  const bodyH = Math.max(mapH, legendH);
  const height = top + bodyH + GAP + notes.height + (notes.height > 0 ? 10 : 0) + footer.height + MARGIN;

  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  ctx.scale(pixelRatio, pixelRatio);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  let y = drawBlock(ctx, title, MARGIN, MARGIN, 28) + 8;
  if (lines.height > 0) y = drawBlock(ctx, lines, MARGIN, y, 19) + 10;

  ctx.drawImage(map, MARGIN, top, mapW, mapH);
  ctx.strokeStyle = '#d5dcd9';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN + 0.5, top + 0.5, mapW - 1, mapH - 1);

  const lx = MARGIN + mapW + GAP;
  let ly = drawBlock(ctx, legendTitle, lx, top, 20) + 6;
  ly = drawBlock(ctx, measure, lx, ly, 18) + 12;
  content.entries.forEach((e, i) => {
    const b = entryLines[i];
    if (!b) return;
    const h = Math.max(rowH, b.height + 8);
    if (e.style === 'fill') {
      ctx.fillStyle = e.color;
      ctx.fillRect(lx, ly + 2, 20, 14);
    } else if (e.style === 'hatch') hatchedSwatch(ctx, lx, ly + 2, 20, 14);
    ctx.strokeStyle = e.style === 'none' ? '#8a9792' : 'rgba(27, 36, 32, 0.35)';
    ctx.setLineDash(e.style === 'none' ? [3, 2] : []);
    ctx.strokeRect(lx + 0.5, ly + 2.5, 19, 13);
    ctx.setLineDash([]);
    drawBlock(ctx, b, lx + 30, ly + 1, 18);
    ly += h;
  });

  y = top + bodyH + GAP;
  if (notes.height > 0) y = drawBlock(ctx, notes, MARGIN, y, 18) + 10;
  drawBlock(ctx, footer, MARGIN, y, 16);
  return canvas;
}

/** Save a canvas as a PNG file the way the other charts are saved: a download of the image. */
export async function savePng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG encoding failed');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes; free them once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
