import restify from 'restify';
import type { BankDatabase } from '../../data/database';
import { AuditRepository } from '../../data/repositories/audit-repository';
import { CampaignRepository } from '../../data/repositories/campaign-repository';
import { StaffRepository } from '../../data/repositories/staff-repository';
import { AuditTrail } from '../../bot/audit';
import { loadConfig } from '../../bot/config';
import { createExportLinks, csvCell, ExportSigner, registerExportRoutes } from '../../bot/exports';
import { silentLogger } from '../../bot/logger';
import { listen } from '../../bot/server';
import { AS_OF } from '../support/fixture-bank';
import { startTestApp } from '../support/test-app';
import { createTestBot, TEST_EXPORT_SECRET } from '../support/test-bot';
import { openCampaignBank } from '../skills/campaign-targets-fixture';

const SECRET = TEST_EXPORT_SECRET;
let bank: BankDatabase;
let server: restify.Server;
let baseUrl: string;
let now = Date.parse('2026-11-02T08:00:00Z');
const clock = () => now;
const signer = new ExportSigner(SECRET, { now: clock });

beforeAll(async () => {
  bank = await openCampaignBank();
  server = restify.createServer();
  registerExportRoutes(server, {
    signer,
    campaigns: new CampaignRepository(bank.db),
    staff: new StaffRepository(bank.db),
    audit: new AuditTrail(new AuditRepository(bank.db)),
    logger: silentLogger,
    asOf: AS_OF,
    allowQueryIdentity: true,
  });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});
afterAll(async () => {
  server.close();
  await bank.close();
});
beforeEach(() => {
  now = Date.parse('2026-11-02T08:00:00Z');
});

async function lastAudit() {
  return bank.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

function rowsOf(csv: string): string[][] {
  return csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('GET /exports/<token>', () => {
  it('serves the owner a CSV for Excel: BOM, masked phones, no identity numbers or e-mails, and an audit row with the ids', async () => {
    const { token } = signer.sign('S0003', { product: 'credit_card', city: 'Shanghai', limit: 30 }, 'en');
    const res = await fetch(`${baseUrl}/exports/${token}?as=S0003`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="campaign-credit_card-${AS_OF}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['rank', 'customer_id', 'name', 'name_pinyin', 'phone_masked', 'city', 'age', 'product', 'score', 'why_on_the_list']);
    expect(rows.length).toBe(31);
    for (const r of rows.slice(1)) {
      expect(r[4]).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(r[5]).toBe('Shanghai');
    }
    const text = bytes.toString('utf8');
    expect(text).not.toMatch(/@example\.com|3101011990\d{8}/);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ staff_id: 'S0003', role: 'marketing', intent: 'campaign_targets', outcome: 'answered', detail: 'export' });
    expect(JSON.parse(audit.customer_ids)).toEqual(rows.slice(1).map((r) => r[1]));
  });

  it('re-runs the list within the owner’s current scope, and refuses once the role no longer allows lists', async () => {
    const { token } = signer.sign('S0011', { product: 'term_deposit' }, 'zh');
    const res = await fetch(`${baseUrl}/exports/${token}`, { headers: { 'x-staff-id': 'S0011' } });
    expect(res.status).toBe(200);
    const rows = rowsOf(await res.text());
    expect(rows[0]![1]).toBe('客户号');
    const owners = new Map((await bank.db.selectFrom('customers').select(['id', 'rm_id']).execute()).map((c) => [c.id, c.rm_id]));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.slice(1).every((r) => owners.get(r[1]!) === 'S0011')).toBe(true);

    await bank.db.updateTable('staff').set({ role: 'risk_officer' }).where('id', '=', 'S0011').execute();
    try {
      const refused = await fetch(`${baseUrl}/exports/${token}`, { headers: { 'x-staff-id': 'S0011' } });
      expect(refused.status).toBe(403);
      expect(await lastAudit()).toMatchObject({ staff_id: 'S0011', outcome: 'denied', detail: 'export', customer_ids: '[]' });
    } finally {
      await bank.db.updateTable('staff').set({ role: 'relationship_manager' }).where('id', '=', 'S0011').execute();
    }
  });

  it('refuses someone else holding the link, and a request that does not say who it is', async () => {
    const { token } = signer.sign('S0003', { product: 'credit_card' }, 'en');
    const other = await fetch(`${baseUrl}/exports/${token}?as=S0010`);
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('C00');
    expect(await lastAudit()).toMatchObject({ staff_id: 'S0010', role: 'relationship_manager', outcome: 'denied', detail: 'export' });
    expect((await fetch(`${baseUrl}/exports/${token}`)).status).toBe(403);
  });

  it('answers 410 once the link has expired (24 hours)', async () => {
    const { token, expiresAt } = signer.sign('S0003', { product: 'credit_card' }, 'en');
    expect(Date.parse(expiresAt) - now).toBe(24 * 60 * 60 * 1000);
    now += 24 * 60 * 60 * 1000 - 1000;
    expect((await fetch(`${baseUrl}/exports/${token}?as=S0003`)).status).toBe(200);
    now += 2000;
    expect((await fetch(`${baseUrl}/exports/${token}?as=S0003`)).status).toBe(410);
  });

  it('answers 403 for a tampered token and 404 for garbage', async () => {
    const { token } = signer.sign('S0011', { product: 'credit_card' }, 'en');
    const [body, sig] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const widened = Buffer.from(JSON.stringify({ ...payload, staffId: 'S0001', expiresAt: '2099-01-01T00:00:00.000Z' })).toString('base64url');
    expect((await fetch(`${baseUrl}/exports/${widened}.${sig}?as=S0001`)).status).toBe(403);
    const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
    expect((await fetch(`${baseUrl}/exports/${body}.${flipped}?as=S0011`)).status).toBe(403);
    expect((await fetch(`${baseUrl}/exports/${token}?as=S0011`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/exports/hello?as=S0011`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/exports/${body}?as=S0011`)).status).toBe(404);
    // Signed with another secret: a valid-looking token that is not ours.
    const foreign = new ExportSigner('another-secret-of-at-least-32-characters!', { now: clock }).sign('S0011', { product: 'credit_card' }, 'en');
    expect((await fetch(`${baseUrl}/exports/${foreign.token}?as=S0011`)).status).toBe(403);
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('王伟')).toBe('王伟');
    const top = await bank.db.selectFrom('customers').select('id').where('rm_id', '=', 'S0013').orderBy('id').execute();
    await bank.db.updateTable('customers').set({ name: '=cmd|"/c calc"!A1' }).where('id', 'in', top.map((c) => c.id)).execute();
    const { token } = signer.sign('S0001', { product: 'wealth_management', limit: 500 }, 'en');
    const csv = await (await fetch(`${baseUrl}/exports/${token}?as=S0001`)).text();
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });

  it('serves the link the bot put on the card ("export it")', async () => {
    const testBot = await createTestBot(bank);
    const chat = testBot.conversation('S0004');
    await chat.say('top 12 campaign targets for mortgage');
    const reply = await chat.say('export it');
    const url = (reply.trace.result as { exportUrl: string }).exportUrl;
    const res = await fetch(`${baseUrl}${url}?as=S0004`);
    expect(res.status).toBe(200);
    const rows = rowsOf(await res.text());
    expect(rows.slice(1).map((r) => r[1])).toEqual((reply.trace.result as { rows: Array<{ customerId: string }> }).rows.map((r) => r.customerId));
  });

  it('is wired into the app: /exports answers 404 for garbage there too', async () => {
    const app = await startTestApp({ fixture: true });
    try {
      const res = await fetch(`${app.baseUrl}/exports/not-a-token`);
      expect(res.status).toBe(404);
      // The route's own answer, not the router's "no such route".
      expect(await res.json()).toEqual({ error: 'No such export.' });
    } finally {
      await app.close();
    }
  });
});

describe('ExportSigner', () => {
  it('rejects a short secret', () => {
    expect(() => new ExportSigner('short')).toThrow(/EXPORT_SIGNING_SECRET/);
  });
});

describe('export settings and links', () => {
  it('uses EXPORT_SIGNING_SECRET when set, and otherwise a random secret per process, flagged as such', () => {
    const set = loadConfig({ EXPORT_SIGNING_SECRET: 'x'.repeat(40), EXPORT_BASE_URL: 'https://copilot.bank.internal/' });
    expect(set.exports).toEqual({ signingSecret: 'x'.repeat(40), ephemeralSecret: false, baseUrl: 'https://copilot.bank.internal/' });
    const a = loadConfig({}).exports;
    const b = loadConfig({}).exports;
    expect(a.ephemeralSecret).toBe(true);
    expect(a.signingSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.signingSecret).not.toBe(b.signingSecret);
    expect(() => loadConfig({ EXPORT_SIGNING_SECRET: 'too-short' })).toThrow(/EXPORT_SIGNING_SECRET must be at least 32 characters/);
  });

  it('issues absolute links under EXPORT_BASE_URL and paths without it; a token from one secret fails under another', () => {
    const links = createExportLinks(signer, 'https://copilot.bank.internal/');
    const link = links.issue('S0003', { product: 'mortgage' }, 'zh');
    expect(link.url).toMatch(/^https:\/\/copilot\.bank\.internal\/exports\/[^/]+$/);
    const token = link.url.split('/exports/')[1]!;
    expect(signer.verify(token)).toMatchObject({ ok: true, payload: { staffId: 'S0003', language: 'zh', input: { product: 'mortgage' } } });
    expect(new ExportSigner('z'.repeat(32)).verify(token)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(createExportLinks(signer).issue('S0003', { product: 'mortgage' }, 'en').url).toMatch(/^\/exports\//);
  });
});
