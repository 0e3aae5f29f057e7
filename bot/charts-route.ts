import { createHash } from 'node:crypto';
import type restify from 'restify';
import type { SegmentRepository } from '../data/repositories/segment-repository';
import { renderBarChartSvg, segmentOverviewChart, svgToPngAsync, type ChartLinks } from '../skills/charts';
import type { Language } from '../skills/contracts';
import { summariseSegments } from '../skills/segment-overview/summary';
import type { Logger } from './logger';

export interface ChartRoutesDeps {
  segments: SegmentRepository;
  /** The bot's public address, e.g. https://copilot.bank.example (PUBLIC_BASE_URL); no trailing slash. */
  publicBaseUrl: string;
  logger: Logger;
  /** Rendered pictures kept in memory; default 32. */
  cacheSize?: number;
}

/** PNG width: twice the SVG's 960 CSS pixels, sharp on high-density screens and still ~100 KB. */
const PNG_WIDTH = 1440;

interface CachedPng {
  body: Buffer;
  etag: string;
}

/**
 * Chart images for cards. A link names what to draw (the segmentation version and the language), not a
 * picture, so any bot instance can answer it by rendering from the database; pictures are cached in
 * memory by that name, with a content-hash ETag.
 */
export function createChartRoutes(deps: ChartRoutesDeps): { links: ChartLinks; register(server: restify.Server): void; render(modelVersion: string, lang: Language): Promise<Buffer | null> } {
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const cacheSize = deps.cacheSize ?? 32;
  const cache = new Map<string, CachedPng>();

  const links: ChartLinks = {
    segmentOverview: (modelVersion, language) =>
      `${base}/charts/segment-overview/${encodeURIComponent(modelVersion)}/${language}.png`,
  };

  /** Several chat clients fetching the same new chart at once share one rendering. */
  const inFlight = new Map<string, Promise<CachedPng | null>>();

  async function renderCached(modelVersion: string, lang: Language): Promise<CachedPng | null> {
    const key = `segment-overview|${modelVersion}|${lang}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit;
    }
    const pending = inFlight.get(key);
    if (pending) return pending;
    const rendering = renderFresh(modelVersion, lang).finally(() => inFlight.delete(key));
    inFlight.set(key, rendering);
    const entry = await rendering;
    if (entry) {
      cache.set(key, entry);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    return entry;
  }

  async function renderFresh(modelVersion: string, lang: Language): Promise<CachedPng | null> {
    const data = await deps.segments.byVersion(modelVersion);
    if (!data) return null;
    const bars = summariseSegments(data, lang).map((s) => ({ name: s.name, customers: s.size, share: s.share, meanAssets: s.meanAssets }));
    const body = await svgToPngAsync(renderBarChartSvg(segmentOverviewChart(bars, lang, data.asOf)), { width: PNG_WIDTH });
    return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
  }

  function register(server: restify.Server): void {
    server.get('/charts/segment-overview/:version/:file', async (req, res) => {
      const version = String(req.params.version ?? '');
      const file = String(req.params.file ?? '');
      const lang = file === 'en.png' ? 'en' : file === 'zh.png' ? 'zh' : undefined;
      if (!lang || !/^[\w.:-]{1,128}$/.test(version)) {
        res.status(404);
        res.json({ error: 'not found: use /charts/segment-overview/<segmentation version>/en.png or zh.png' });
        return;
      }
      try {
        const png = await renderCached(version, lang);
        if (!png) {
          res.status(404);
          res.json({ error: `no stored segmentation ${version}` });
          return;
        }
        if (req.headers['if-none-match'] === png.etag) {
          res.writeHead(304, { ETag: png.etag });
          res.end();
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'image/png',
          'Content-Length': png.body.length,
          'Cache-Control': 'public, max-age=3600',
          ETag: png.etag,
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(png.body);
      } catch (err) {
        deps.logger.error('chart rendering failed', { version, lang, error: err });
        res.status(500);
        res.json({ error: 'chart rendering failed' });
      }
    });
  }

  return { links, register, render: async (v, l) => (await renderCached(v, l))?.body ?? null };
}
