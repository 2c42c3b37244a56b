/**
 * A collective's accent colour within the one theme, kept legible (WCAG 2.1 AA): text on the accent
 * is black or white, whichever contrasts more (one of them always reaches 4.5:1), and the accent
 * used for links and borders on white is darkened until it reaches 4.5:1.
 */
// Pure black: with white, one of the two always contrasts at least √21 ≈ 4.58:1 with any colour.
const DARK = '#000000';
const LIGHT = '#ffffff';
/** The palest background accent-coloured text sits on (the header's tint, `--accent-bg`): legible there, legible on white. */
const TINT = '#eef6f2';
export const AA = 4.5;

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (c: [number, number, number]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour to put on `background`. */
export const textOn = (background: string) =>
  contrast(background, LIGHT) >= contrast(background, DARK) ? LIGHT : DARK;

/** `colour`, darkened just enough to read on `background` at `ratio`. */
export function readableOn(colour: string, background = LIGHT, ratio = AA): string {
  let c = rgb(colour);
  for (let i = 0; i < 40 && contrast(toHex(c), background) < ratio; i++) c = c.map((v) => v * 0.93) as typeof c;
  return toHex(c);
}

const valid = (hex: string | null | undefined) => (hex && /^#[0-9a-f]{6}$/i.test(hex) ? hex.toLowerCase() : null);

/** The CSS custom properties of a collective's accent, for a `style` attribute. */
export function accentStyle(accentColor: string | null | undefined): string | undefined {
  const accent = valid(accentColor);
  if (!accent) return undefined;
  return `--accent:${readableOn(accent, TINT)};--accent-strong:${accent};--on-accent:${textOn(accent)}`;
}
