import path from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './bar-chart';

/**
 * The fonts charts are drawn with: Noto Sans (Simplified Chinese, with Latin), shipped inside the
 * `@embedpdf/fonts-sc` npm package, so a chart looks the same on every machine and never depends on
 * which system fonts happen to be installed (a bare Debian image has none with Chinese glyphs).
 */
export function chartFontFiles(): string[] {
  // The package exports only its metadata module; the font files sit in ../fonts next to it.
  const entry = require.resolve('@embedpdf/fonts-sc');
  const dir = path.join(path.dirname(entry), '..', 'fonts');
  return ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => path.join(dir, f));
}

export interface RasteriseOptions {
  /** Output width in pixels; the height follows the SVG's aspect ratio. Default: the SVG's own width. */
  readonly width?: number;
}

/** Renders an SVG document to PNG bytes with the bundled fonts only (system fonts are not consulted). */
export function svgToPng(svg: string, options: RasteriseOptions = {}): Buffer {
  return new Resvg(svg, resvgOptions(svg, options)).render().asPng();
}

/**
 * The same picture rendered on a libuv worker thread, so a chart request (a few hundred milliseconds for
 * a large PNG) does not hold up the bot's other conversations.
 */
export async function svgToPngAsync(svg: string, options: RasteriseOptions = {}): Promise<Buffer> {
  return (await renderAsync(svg, resvgOptions(svg, options))).asPng();
}

function resvgOptions(svg: string, options: RasteriseOptions): ResvgRenderOptions {
  if (!svg.trimStart().startsWith('<svg')) throw new Error('svgToPng expects an SVG document starting with <svg');
  if (options.width !== undefined && !(Number.isInteger(options.width) && options.width >= 16 && options.width <= 8000)) {
    throw new Error(`PNG width must be an integer 16..8000, got ${options.width}`);
  }
  return {
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    background: '#ffffff',
  };
}
