/**
 * Horizontal bar charts as SVG, built by hand so the picture needs no browser and no chart library:
 * one row per category, one or more panels of bars side by side (e.g. customers and mean assets).
 * Text is drawn in the font family the rasteriser is given (see rasterise.ts), which covers Chinese.
 */

export interface BarPanel {
  /** Panel title above its bars. */
  readonly title: string;
  /** One value per category, same order as `BarChartSpec.categories`; non-negative. */
  readonly values: readonly number[];
  /** Text printed at the end of each bar. */
  readonly labels: readonly string[];
  readonly color: string;
}

export interface BarChartSpec {
  readonly title: string;
  readonly subtitle?: string;
  readonly categories: readonly string[];
  readonly panels: readonly BarPanel[];
  /** Width in CSS pixels of the whole picture; rows are 40 px high. Default 960. */
  readonly width?: number;
}

export const CHART_FONT_FAMILY = 'Noto Sans Hans';

const ROW = 40;
const BAR = 24;
const TOP = 92;
const BOTTOM = 24;
const PAD = 24;

/** The chart as an SVG document. Throws on inconsistent input rather than drawing something misleading. */
export function renderBarChartSvg(spec: BarChartSpec): string {
  checkSpec(spec);
  const width = spec.width ?? 960;
  const n = spec.categories.length;
  const height = TOP + n * ROW + BOTTOM;
  const labelWidth = Math.min(280, Math.max(120, Math.max(...spec.categories.map(textWidth)) + 16));
  const panelGap = 24;
  const panelWidth = (width - PAD * 2 - labelWidth - panelGap * (spec.panels.length - 1)) / spec.panels.length;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(PAD, 34, spec.title, { size: 20, weight: 700, fill: '#1f2937' }),
  );
  if (spec.subtitle) out.push(text(PAD, 58, spec.subtitle, { size: 13, fill: '#6b7280' }));

  spec.categories.forEach((category, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 0) out.push(`<rect x="${PAD - 8}" y="${y}" width="${width - 2 * PAD + 16}" height="${ROW}" fill="#f6f7f9"/>`);
    out.push(text(PAD, y + ROW / 2 + 5, category, { size: 14, fill: '#111827' }));
  });

  spec.panels.forEach((panel, p) => {
    const x0 = PAD + labelWidth + p * (panelWidth + panelGap);
    out.push(text(x0, TOP - 10, panel.title, { size: 13, weight: 700, fill: '#374151' }));
    out.push(`<line x1="${x0}" y1="${TOP}" x2="${x0}" y2="${TOP + n * ROW}" stroke="#9ca3af" stroke-width="1"/>`);
    const max = Math.max(...panel.values);
    // Leave room for the value label after the longest bar.
    const usable = Math.max(10, panelWidth - Math.min(130, Math.max(...panel.labels.map(textWidth)) + 12));
    panel.values.forEach((v, i) => {
      const y = TOP + i * ROW + (ROW - BAR) / 2;
      const w = max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * usable) : 0;
      out.push(`<rect x="${x0}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" rx="3" fill="${panel.color}"/>`);
      out.push(text(x0 + w + 6, y + BAR / 2 + 5, panel.labels[i] ?? '', { size: 13, fill: '#374151' }));
    });
  });
  out.push('</svg>');
  return out.join('\n');
}

function checkSpec(spec: BarChartSpec): void {
  if (spec.categories.length === 0) throw new Error('a bar chart needs at least one category');
  if (spec.panels.length === 0) throw new Error('a bar chart needs at least one panel');
  if (spec.width !== undefined && !(spec.width >= 320 && spec.width <= 4000)) throw new Error(`chart width must be 320..4000 px, got ${spec.width}`);
  for (const panel of spec.panels) {
    if (panel.values.length !== spec.categories.length || panel.labels.length !== spec.categories.length) {
      throw new Error(`panel "${panel.title}" has ${panel.values.length} values and ${panel.labels.length} labels for ${spec.categories.length} categories`);
    }
    if (panel.values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`panel "${panel.title}" has a negative or non-finite value`);
    if (!/^#[0-9a-fA-F]{3,8}$/.test(panel.color)) throw new Error(`panel colour must be a hex colour, got "${panel.color}"`);
  }
}

function text(x: number, y: number, value: string, style: { size: number; weight?: number; fill: string }): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${style.size}" fill="${style.fill}"${style.weight ? ` font-weight="${style.weight}"` : ''}>${escapeXml(value)}</text>`;
}

/** Approximate width at 14 px: CJK characters are square, Latin about half as wide. */
export function textWidth(value: string): number {
  let w = 0;
  for (const ch of value) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 14 : 7.5;
  return w;
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
