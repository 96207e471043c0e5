/**
 * Sequential palettes for choropleths, made for print: every ramp runs from a light to a dark
 * colour with lightness falling in equal steps (interpolated in CIE L*a*b*), so the classes stay
 * apart on a black-and-white photocopy and for the common colour-vision deficiencies.
 */

export type PaletteId = 'oranye' | 'hijau' | 'biru' | 'ungu';

export const PALETTE_IDS: readonly PaletteId[] = ['oranye', 'hijau', 'biru', 'ungu'];

/** Light, middle and dark anchor of each ramp (sRGB hex). */
const ANCHORS: Readonly<Record<PaletteId, readonly [string, string, string]>> = {
  // Warm: deprivation (more is worse) reads as heat; the house accent in the middle.
  oranye: ['#fdf1dc', '#e8903a', '#6e1f08'],
  // The house green: coverage (more is better).
  hijau: ['#eef6e8', '#5fa88a', '#06392e'],
  biru: ['#eaf2fa', '#4a90c2', '#0d2c4f'],
  ungu: ['#f3eef7', '#8d6bb4', '#34164f'],
};

/** Regions with a polygon but no value: light grey, hatched on the map and in the legend. */
export const NO_DATA_FILL = '#e4e7e6';
export const NO_DATA_HATCH = '#9aa5a1';
/** Region borders. */
export const BORDER = '#ffffff';

type Lab = readonly [number, number, number];

function srgbToLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, c)) * 255);
}

// D65 white point.
const XN = 0.95047;
const YN = 1;
const ZN = 1.08883;

function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116;
}

function fInv(t: number): number {
  return t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27);
}

export function hexToLab(hex: string): Lab {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = srgbToLinear((n >> 16) & 255);
  const g = srgbToLinear((n >> 8) & 255);
  const b = srgbToLinear(n & 255);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / XN;
  const y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / YN;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / ZN;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function labToHex(lab: Lab): string {
  const [l, a, bb] = lab;
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - bb / 200;
  const x = fInv(fx) * XN;
  const y = fInv(fy) * YN;
  const z = fInv(fz) * ZN;
  const r = 3.2406 * x - 1.5372 * y - 0.4986 * z;
  const g = -0.9689 * x + 1.8758 * y + 0.0415 * z;
  const b = 0.0557 * x - 0.204 * y + 1.057 * z;
  const hex = (v: number) => linearToSrgb(v).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** `count` colours from light to dark along a palette (one class: the middle colour). */
export function paletteColors(id: PaletteId, count: number): string[] {
  if (count <= 0) return [];
  const [light, mid, dark] = ANCHORS[id].map(hexToLab) as [Lab, Lab, Lab];
  if (count === 1) return [labToHex(mid)];
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    // Lightness falls in equal steps end to end; the hue bends through the middle anchor.
    const l = light[0] + (dark[0] - light[0]) * t;
    const [a, b, u] = t <= 0.5 ? [light, mid, t * 2] : [mid, dark, (t - 0.5) * 2];
    return labToHex([l, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u]);
  });
}

/** Relative luminance-based choice of dark or light text on a fill (labels, legend swatches). */
export function textOnFill(hex: string): string {
  return hexToLab(hex)[0] > 60 ? '#1b2420' : '#ffffff';
}
