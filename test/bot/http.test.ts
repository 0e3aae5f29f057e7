import { startTestApp, type TestApp } from '../support/test-app';

function activity(text: string, over: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: 'm1',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    deliveryMode: 'expectReplies',
    from: { id: 'S0010', name: 'RM' },
    recipient: { id: 'bank-copilot', name: 'Bank Copilot' },
    conversation: { id: 'http-test-1' },
    text,
    ...over,
  };
}

async function post(app: TestApp, body: string, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('HTTP edge (real restify on an ephemeral port)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ fixture: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers expectReplies in the response body, with the turn trace on the emulator channel', async () => {
    const res = await post(app, JSON.stringify(activity('tell me about C000001')));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<Record<string, any>> };
    const message = body.activities.find((a) => a.type === 'message');
    const trace = body.activities.find((a) => a.type === 'trace');
    expect(message?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(trace).toMatchObject({ name: 'BankCopilotTurn', valueType: 'urn:bank-copilot:turn' });
    expect(trace?.value).toMatchObject({ intent: 'customer_profile', outcome: 'answered', recognizer: 'rules', skill: 'customer_profile' });
    expect(trace?.value.result.customerId).toBe('C000001');
    expect(JSON.stringify(body)).not.toContain('13812345678');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await post(app, '{"type": "message", "text": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Malformed request: the body must be valid JSON.' });
  });

  it('rejects JSON that is not an activity with 400', async () => {
    expect((await post(app, '[1,2,3]')).status).toBe(400);
    expect((await post(app, '{"hello":"world"}')).status).toBe(400);
  });

  it('rejects oversized bodies with 413', async () => {
    const res = await post(app, JSON.stringify(activity('x'.repeat(300_000))));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large/);
  });

  it('reports health with database counts', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { engine: 'sqlite', reachable: true },
      counts: { customers: 6, staff: 7 },
      dataAsOf: '2026-11-01',
    });
  });

  it('offers the local staff directory only without Bot Framework auth', async () => {
    const res = await fetch(`${app.baseUrl}/api/dev/staff`);
    expect(res.status).toBe(200);
    const { staff } = (await res.json()) as { staff: Array<{ id: string }> };
    expect(staff.map((s) => s.id)).toContain('S0010');
  });
});

describe('HTTP edge with a Microsoft app id configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ fixture: true, env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('returns 401 when no token is sent', async () => {
    const res = await post(app, JSON.stringify(activity('tell me about C000001', { channelId: 'msteams' })));
    expect(res.status).toBe(401);
    const audit = await app.bank.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(0);
  });

  it('does not expose the staff directory', async () => {
    expect((await fetch(`${app.baseUrl}/api/dev/staff`)).status).toBe(404);
  });
});
