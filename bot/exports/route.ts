import type restify from 'restify';
import type { CampaignRepository } from '../../data/repositories/campaign-repository';
import type { StaffRepository } from '../../data/repositories/staff-repository';
import { ROLES, type Role } from '../../data/vocabulary';
import { decideScope } from '../../skills/access';
import { buildCampaignList } from '../../skills/campaign-targets';
import { EXPORT_MAX } from '../../skills/campaign-targets/input';
import type { Entities } from '../../skills/contracts';
import type { Outcome, Principal } from '../../skills/skill';
import type { AuditTrail } from '../audit';
import type { Logger } from '../logger';
import { campaignCsv } from './csv';
import { EXPORT_PATH } from './links';
import type { ExportPayload, ExportSigner } from './signing';

export interface ExportRouteDeps {
  signer: ExportSigner;
  campaigns: CampaignRepository;
  staff: StaffRepository;
  audit: AuditTrail;
  logger: Logger;
  /** The data's as-of date (contact rules are applied at it). */
  asOf: string;
  /**
   * Local development only (no Bot Framework app id): the requester may name themselves with `?as=<staffId>`.
   * Otherwise the `x-staff-id` header must carry the signed-in staff id, set by the bank's SSO proxy in
   * front of this route; the bot cannot authenticate a browser on its own.
   */
  allowQueryIdentity: boolean;
  now?: () => number;
}

/**
 * GET /exports/<token>: the CSV behind a signed export link. The link only names the filters; the list
 * is re-run now, within the link owner's CURRENT scope, and only for the owner: a moved or demoted
 * member of staff, or anyone else holding the link, gets nothing more than they may see today.
 * 404 not a token, 403 tampered / someone else / no longer allowed, 410 expired.
 */
export function registerExportRoutes(server: restify.Server, deps: ExportRouteDeps): void {
  // A wildcard rather than `:token`: the router caps named parameters at 100 characters, tokens are longer.
  server.get(`${EXPORT_PATH}/*`, async (req, res) => {
    const started = Date.now();
    const fail = (status: number, error: string) => {
      res.status(status);
      res.header('Cache-Control', 'no-store');
      res.json({ error });
    };
    const verdict = deps.signer.verify(String((req.params as Record<string, unknown>)['*'] ?? ''));
    if (!verdict.ok) {
      if (verdict.reason === 'malformed') return fail(404, 'No such export.');
      if (verdict.reason === 'expired') return fail(410, 'This export link has expired (links last 24 hours). Ask the bot for the list again and export it.');
      return fail(403, 'This export link is not valid.');
    }
    const payload = verdict.payload;
    const requester = requesterId(req, deps.allowQueryIdentity);
    if (!requester) {
      return fail(403, deps.allowQueryIdentity
        ? 'Say who you are: add ?as=<your staff id> to the link (local development) or sign in through the bank portal.'
        : 'Sign in through the bank portal to download exports.');
    }
    const audit = (principal: Principal, outcome: Outcome, customerIds: readonly string[]) =>
      deps.audit.record({
        at: new Date(started),
        principal,
        channel: 'export',
        conversationId: 'export',
        intent: 'campaign_targets',
        recognizer: 'export',
        entities: entitiesOf(payload),
        customerIds,
        outcome,
        latencyMs: Date.now() - started,
        detail: 'export',
      });
    const owner = await deps.staff.findById(payload.staffId);
    const ownerPrincipal: Principal | undefined =
      owner && isRole(owner.role) ? { staffId: owner.id, name: owner.name, role: owner.role, branchId: owner.branch_id } : undefined;
    if (requester !== payload.staffId) {
      const who = await principalOf(deps.staff, requester);
      await audit(who ?? { staffId: requester, name: requester, role: 'guest', branchId: null }, 'denied', []);
      return fail(403, 'This export belongs to another member of staff.');
    }
    const decision = ownerPrincipal ? decideScope(ownerPrincipal, 'campaign') : { allowed: false as const };
    if (!ownerPrincipal || !decision.allowed || !decision.scope) {
      await audit(ownerPrincipal ?? { staffId: requester, name: requester, role: 'guest', branchId: null }, 'denied', []);
      return fail(403, 'Your role no longer allows campaign lists.');
    }
    const product = payload.input.product;
    if (!product) return fail(404, 'No such export.');
    const outcome = await buildCampaignList(deps.campaigns, decision.scope, { ...payload.input, product }, {
      asOf: deps.asOf,
      language: payload.language,
      maxRows: Math.min(payload.input.limit ?? EXPORT_MAX, EXPORT_MAX),
      // The file lists customers; the rule counts are on the card, so the export skips that pass.
      counts: false,
    });
    if (outcome.kind !== 'list') return fail(404, 'The segment this export was filtered on no longer exists.');
    const ids = outcome.list.rows.map((r) => r.customerId);
    await audit(ownerPrincipal, 'answered', ids);
    const body = Buffer.from(campaignCsv(outcome.list, payload.language), 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="campaign-${product}-${deps.asOf}.csv"`,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
    deps.logger.info('campaign export served', { staffId: payload.staffId, product, rows: ids.length });
  });
}

function requesterId(req: restify.Request, allowQuery: boolean): string | undefined {
  const header = req.header('x-staff-id');
  if (header && header.trim()) return header.trim();
  if (!allowQuery) return undefined;
  const as = new URL(req.url ?? '/', 'http://local').searchParams.get('as');
  return as && as.trim() ? as.trim() : undefined;
}

async function principalOf(staff: StaffRepository, id: string): Promise<Principal | undefined> {
  const row = await staff.findById(id);
  return row && isRole(row.role) ? { staffId: row.id, name: row.name, role: row.role, branchId: row.branch_id } : undefined;
}

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** The audit row's entities: the filters the export ran with, in the common entity vocabulary. */
function entitiesOf(payload: ExportPayload): Entities {
  const { product, city, ageMin, ageMax, minBalance, churnRisk, creditRiskBand, limit } = payload.input;
  const e: Entities = {};
  if (product) e.product = product;
  if (city) e.city = city;
  if (ageMin !== undefined) e.ageMin = ageMin;
  if (ageMax !== undefined) e.ageMax = ageMax;
  if (minBalance !== undefined) e.minBalance = minBalance;
  if (churnRisk) e.churnRisk = churnRisk;
  if (creditRiskBand) e.creditRiskBand = creditRiskBand;
  if (limit !== undefined) e.limit = limit;
  return e;
}
