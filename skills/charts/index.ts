/** Server-side charts for cards: SVG built by hand, rasterised to PNG with bundled fonts. */
export { renderBarChartSvg, CHART_FONT_FAMILY, type BarChartSpec, type BarPanel } from './bar-chart';
export { svgToPng, svgToPngAsync, chartFontFiles, type RasteriseOptions } from './rasterise';
export { pngSize } from './png-info';
export { segmentOverviewChart, type SegmentBar } from './segment-chart';
export type { ChartLinks } from './chart-links';
