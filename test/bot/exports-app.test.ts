import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The whole path on a generated bank with the real training and scoring: ask the bot (HTTP,
 * expectReplies) for a list, follow the card's export link, and check the CSV against the answer.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ customers: 1500, train: true });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

async function ask(staffId: string, text: string, conversation: string) {
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: `m-${Math.random()}`, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', deliveryMode: 'expectReplies',
      from: { id: staffId, name: staffId }, recipient: { id: 'bank-copilot', name: 'Bank Copilot' }, conversation: { id: conversation }, text,
    }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: Array<Record<string, any>> };
  return body.activities.find((a) => a.type === 'trace')!.value as { intent: string; outcome: string; result: Record<string, any> };
}

describe('campaign list to CSV through the running app (local development, no app id)', () => {
  it('gives a marketing analyst a ranked list from the trained models and a link that downloads the same customers', async () => {
    const trace = await ask('S0003', 'top 30 campaign targets for wealth management', 'exports-app-1');
    expect(trace).toMatchObject({ intent: 'campaign_targets', outcome: 'answered' });
    const r = trace.result;
    expect(r.rows.length).toBe(Math.min(30, r.total));
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.modelVersion).toMatch(/^propensity_wealth_management v\d+$/);
    expect(r.rows.every((row: { reason: string }) => row.reason.length > 0)).toBe(true);
    // Local development: the link names its owner, as the web chat page cannot send a header.
    expect(r.exportUrl).toMatch(/\/exports\/[^?]+\?as=S0003$/);
    const url = new URL(r.exportUrl, app.baseUrl);
    const csv = await fetch(`${app.baseUrl}${url.pathname}${url.search}`);
    expect(csv.status).toBe(200);
    const ids = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[1]);
    expect(ids).toEqual(r.rows.map((row: { customerId: string }) => row.customerId));
    // Someone else with the same link, naming themselves, is refused.
    expect((await fetch(`${app.baseUrl}${url.pathname}?as=S0010`)).status).toBe(403);
  });
});
