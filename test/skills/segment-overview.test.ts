import { createChartRoutes } from '../../bot/charts-route';
import { silentLogger } from '../../bot/logger';
import type { BankDatabase } from '../../data/database';
import type { SegmentRepository } from '../../data/repositories/segment-repository';
import type { SegmentationTables } from '../../models/segmentation/tables';
import { pngSize, renderBarChartSvg, segmentOverviewChart, svgToPng } from '../../skills/charts';
import type { AdaptiveCard, CardElement } from '../../skills/cards';
import { openFixtureBank } from '../support/fixture-bank';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestBot, TEST_PUBLIC_BASE_URL } from '../support/test-bot';
import { openPortfolioBank, profile } from './portfolio-stats-bank';

type Overview = {
  modelVersion: string;
  customers: number;
  chartUrl: string;
  segments: Array<{ segmentId: number; name: string; description: string; size: number; share: number; meanAge: number; meanAssets: number }>;
};

function elements(card: AdaptiveCard, type: string): CardElement[] {
  return card.body.filter((e) => e.type === type);
}

describe('segment_overview conversations', () => {
  let bank: BankDatabase;
  let testBot: Awaited<ReturnType<typeof createTestBot>>;
  beforeAll(async () => {
    bank = await openPortfolioBank();
    testBot = await createTestBot(bank);
  });
  afterAll(async () => {
    await bank.close();
  });

  it('lists every segment of the newest segmentation with sizes that add up to the customers segmented', async () => {
    const reply = await testBot.conversation('S0010').say('show me the customer segments');
    expect(reply.trace).toMatchObject({ intent: 'segment_overview', outcome: 'answered' });
    const r = reply.trace.result as unknown as Overview;
    expect(r.modelVersion).toBe('seg-new'); // not the older seg-old
    const assigned = await bank.db.withTables<SegmentationTables>().selectFrom('customer_segments').select(['segment_id']).where('model_version', '=', 'seg-new').execute();
    expect(r.customers).toBe(assigned.length);
    expect(r.segments.reduce((s, x) => s + x.size, 0)).toBe(assigned.length);
    expect(r.segments.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 10);
    for (const s of r.segments) expect(s.size).toBe(assigned.filter((a) => a.segment_id === s.segmentId).length);
    // Largest first.
    expect(r.segments.map((s) => s.size)).toEqual([...r.segments.map((s) => s.size)].sort((a, b) => b - a));
    expect(r.segments.find((s) => s.segmentId === 0)).toMatchObject({ name: 'Affluent savers', meanAge: 52, meanAssets: 1_200_000, description: 'Affluent savers: what sets them apart.' });
  });

  it('puts the chart image and the same numbers as a table in the card', async () => {
    const reply = await testBot.conversation('S0003').say('what segments do we have');
    const card = reply.card as unknown as AdaptiveCard;
    const r = reply.trace.result as unknown as Overview;
    expect(r.chartUrl).toBe(`${TEST_PUBLIC_BASE_URL}/charts/segment-overview/seg-new/en.png`);
    const [img] = elements(card, 'Image');
    expect(img).toMatchObject({ url: r.chartUrl });
    expect(String(img!.altText)).toMatch(/Affluent savers \d+\.\d%/);
    const [tbl] = elements(card, 'Table');
    const rows = tbl!.rows as Array<{ cells: Array<{ items: Array<{ text: string }> }> }>;
    expect(rows).toHaveLength(1 + r.segments.length);
    expect(rows.slice(1).map((row) => row.cells[0]!.items[0]!.text)).toEqual(r.segments.map((s) => s.name));
    expect(rows.slice(1).map((row) => Number(row.cells[1]!.items[0]!.text.replace(/,/g, '')))).toEqual(r.segments.map((s) => s.size));
    expect(JSON.stringify(card)).toContain('¥1,200,000');
    expect(reply.text).toContain('Affluent savers: ');
  });

  it('answers in Chinese with Chinese names, descriptions and a Chinese chart', async () => {
    const reply = await testBot.conversation('S0011').say('客群概览');
    expect(reply.trace).toMatchObject({ intent: 'segment_overview', outcome: 'answered' });
    const r = reply.trace.result as unknown as Overview;
    expect(r.segments.map((s) => s.name).sort()).toEqual(['年轻数字化消费型', '银发网点型', '高净值储蓄型'].sort());
    expect(r.chartUrl).toMatch(/\/zh\.png$/);
    expect(reply.text).toMatch(/共 3 个客群/);
    expect(reply.text).toContain('高净值储蓄型:客群特征。');
    expect(JSON.stringify(reply.card)).toContain('户均资产');
  });

  it('is open to every member of staff and closed to guests', async () => {
    for (const staff of ['S0001', 'S0002', 'S0004', 'S0012']) {
      expect((await testBot.conversation(staff).say('show me the customer segments')).trace.outcome).toBe('answered');
    }
    const guest = await testBot.conversation('visitor').say('show me the customer segments');
    expect(guest.trace.outcome).toBe('denied');
    expect(JSON.stringify(guest.activities)).not.toContain('Affluent savers');
  });

  it('says plainly when no segmentation has been trained', async () => {
    const empty = await openFixtureBank();
    try {
      const reply = await (await createTestBot(empty)).conversation('S0010').say('show me the customer segments');
      expect(reply.trace).toMatchObject({ intent: 'segment_overview', outcome: 'not_found' });
      expect(reply.text).toMatch(/No customer segmentation has been trained yet/);
    } finally {
      await empty.close();
    }
  });
});

describe('chart rendering', () => {
  const bars = [
    { name: 'Affluent <savers> & co', customers: 120, share: 0.6, meanAssets: 1_200_000 },
    { name: '银发网点型', customers: 80, share: 0.4, meanAssets: 0 },
  ];

  it('builds a well-formed SVG with escaped labels and one bar per value', () => {
    const svg = renderBarChartSvg(segmentOverviewChart(bars, 'en', '2026-11-01'));
    expect(svg).toContain('Affluent &lt;savers&gt; &amp; co');
    expect(svg).not.toContain('<savers>');
    expect(svg).toContain('银发网点型');
    expect(svg.match(/<rect [^>]*rx="3"/g)).toHaveLength(4); // 2 segments × 2 panels
    expect(svg).toContain('200 customers');
  });

  it('rasterises to a PNG of the requested width with the bundled fonts', () => {
    const png = svgToPng(renderBarChartSvg(segmentOverviewChart(bars, 'zh', '2026-11-01')), { width: 960 });
    expect(pngSize(png)).toEqual({ width: 960, height: 92 + 2 * 40 + 24 });
    // Text is drawn, not dropped: a chart with labels is much larger than the same chart without them.
    const unlabelled = svgToPng(renderBarChartSvg(segmentOverviewChart(bars, 'zh', '2026-11-01')).replace(/<text[^>]*>[^<]*<\/text>/g, ''), { width: 960 });
    expect(png.length).toBeGreaterThan(unlabelled.length * 1.5);
  });

  it('refuses specs that would draw something misleading', () => {
    const spec = segmentOverviewChart(bars, 'en', '2026-11-01');
    expect(() => renderBarChartSvg({ ...spec, categories: [] })).toThrow(/at least one category/);
    expect(() => renderBarChartSvg({ ...spec, panels: [{ ...spec.panels[0]!, values: [1] }] })).toThrow(/1 values/);
    expect(() => renderBarChartSvg({ ...spec, panels: [{ ...spec.panels[0]!, values: [-1, 2] }] })).toThrow(/negative/);
    expect(() => pngSize(Buffer.from('not a png at all, definitely not'))).toThrow(/signature/);
  });
});

describe('chart routes', () => {
  it('renders a chart once for concurrent requests and serves repeats from memory', async () => {
    let reads = 0;
    const segments = {
      async byVersion(v: string) {
        reads += 1;
        return v !== 'v1' ? null : {
          modelVersion: 'v1', trainedAt: '2026-11-02T00:00:00Z', asOf: '2026-11-01', assigned: new Map([[0, 3], [1, 1]]),
          segments: [
            { segmentId: 0, nameEn: 'A', nameZh: '甲', descriptionEn: '', descriptionZh: '', profile: profile(3, 0.75, 40, 1000) },
            { segmentId: 1, nameEn: 'B', nameZh: '乙', descriptionEn: '', descriptionZh: '', profile: profile(1, 0.25, 30, 500) },
          ],
        };
      },
    } as unknown as SegmentRepository;
    const charts = createChartRoutes({ segments, publicBaseUrl: 'https://bot.example/', logger: silentLogger });
    expect(charts.links.segmentOverview('v1', 'zh')).toBe('https://bot.example/charts/segment-overview/v1/zh.png');
    const [a, b] = await Promise.all([charts.render('v1', 'en'), charts.render('v1', 'en')]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    expect(await charts.render('v1', 'en')).toBe(a);
    expect(reads).toBe(1);
    expect(await charts.render('v2', 'en')).toBeNull();
  });
});

describe('GET /charts (real restify on an ephemeral port)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ fixture: true });
    const db = app.bank.db.withTables<SegmentationTables>();
    await db.insertInto('segmentation_models').values({ model_version: 'seg-http', trained_at: '2026-11-02T00:00:00Z', as_of: '2026-11-01', model: '{}' }).execute();
    await db.insertInto('segments').values([
      { model_version: 'seg-http', segment_id: 0, name_en: 'Affluent savers', name_zh: '高净值储蓄型', description_en: 'a', description_zh: '甲', profile: JSON.stringify(profile(4, 0.67, 50, 900_000)) },
      { model_version: 'seg-http', segment_id: 1, name_en: 'Young digital spenders', name_zh: '年轻数字化消费型', description_en: 'b', description_zh: '乙', profile: JSON.stringify(profile(2, 0.33, 28, 90_000)) },
    ]).execute();
    await db.insertInto('customer_segments').values(['C000001', 'C000002', 'C000003', 'C000004', 'C000005', 'C000006'].map((id, i) => ({ customer_id: id, segment_id: i < 4 ? 0 : 1, model_version: 'seg-http', distance: 1 }))).execute();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(['en', 'zh'])('serves the %s chart as a PNG that decodes to the expected size', async (lang) => {
    const res = await fetch(`${app.baseUrl}/charts/segment-overview/seg-http/${lang}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // 960 CSS px wide at 1.5×; two segment rows.
    expect(pngSize(body)).toEqual({ width: 1440, height: Math.round((92 + 2 * 40 + 24) * 1.5) });
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await fetch(`${app.baseUrl}/charts/segment-overview/seg-http/${lang}.png`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown segmentation or language', async () => {
    expect((await fetch(`${app.baseUrl}/charts/segment-overview/nope/en.png`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/charts/segment-overview/seg-http/fr.png`)).status).toBe(404);
  });

  it('links the chart from the card through the bot over HTTP', async () => {
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: 'm1', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', deliveryMode: 'expectReplies',
        from: { id: 'S0010', name: 'RM' }, recipient: { id: 'bank-copilot', name: 'Bank Copilot' }, conversation: { id: 'charts-1' },
        text: 'show me the customer segments',
      }),
    });
    const { activities } = (await res.json()) as { activities: Array<{ type: string; value?: { result: { chartUrl: string; customers: number } } }> };
    const trace = activities.find((a) => a.type === 'trace')!;
    expect(trace.value!.result.customers).toBe(6);
    const url = new URL(trace.value!.result.chartUrl);
    expect(url.pathname).toBe('/charts/segment-overview/seg-http/en.png');
    const png = await fetch(`${app.baseUrl}${url.pathname}`);
    expect(png.status).toBe(200);
  });
});
