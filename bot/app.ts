import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Storage,
} from 'botbuilder';
import { sql } from 'kysely';
import type { BankDatabase } from '../data/database';
import { AuditRepository } from '../data/repositories/audit-repository';
import { CampaignRepository } from '../data/repositories/campaign-repository';
import { CustomerRepository } from '../data/repositories/customer-repository';
import { FlagRepository } from '../data/repositories/flag-repository';
import { StaffRepository } from '../data/repositories/staff-repository';
import { PortfolioRepository } from '../data/repositories/portfolio-repository';
import { SegmentRepository } from '../data/repositories/segment-repository';
import type { ActiveModels } from '../models/registry/types';
import { createEmbeddings, PolicyRetriever, type PolicyLookup } from '../models/retrieval';
import { compileForExplain, explainCustomer } from '../models/scoring/explain';
import { featureDriftReport } from '../models/scoring/drift';
import { customerSegment } from '../models/segmentation';
import { createSkillRegistry } from '../skills';
import type { PolicyAnswerer } from '../skills/policy-qa/answerer';
import type { SkillServices } from '../skills/services';
import { AuditTrail } from './audit';
import { BankBot, type Explainer } from './bank-bot';
import { REPO_ROOT, type Config } from './config';
import { IdentityResolver } from './identity';
import type { Logger } from './logger';
import type { Recognizer } from './recognizer';
import { createServer } from './server';
import { createChartRoutes } from './charts-route';
import { createTurnErrorHandler } from './turn-error';
import { createExportLinks, ExportSigner, registerExportRoutes } from './exports';

export interface AppParts {
  config: Config;
  bank: BankDatabase;
  logger: Logger;
  recognizer: Recognizer;
  parseOrdinal: (text: string) => number | undefined;
  parseFollowUp: (text: string) => 'why' | 'export' | 'refine' | undefined;
  /** Conversation state store; memory by default. */
  storage?: Storage;
  /** Policy look-up; by default the handbook index under `config.policy`. */
  policy?: PolicyLookup;
  explain?: Explainer;
  policyAnswerer?: PolicyAnswerer;
  /** Models loaded (or trained) by the entry; none means model-based skills say the scores are not ready. */
  models?: ActiveModels;
}

const NO_MODELS: ActiveModels = { credit: null, churn: null, propensity: new Map(), warnings: [] };

/**
 * Composes the bot from its parts. Only the server entry (bot/index.ts) and tests call this; everything
 * below it receives what it needs as arguments.
 */
export async function createApp(parts: AppParts) {
  const { config, bank, logger } = parts;
  const customers = new CustomerRepository(bank.db);
  const staff = new StaffRepository(bank.db);
  const audit = new AuditTrail(new AuditRepository(bank.db));
  const asOf = (await customers.asOf()) ?? new Date().toISOString().slice(0, 10);
  const storage = parts.storage ?? new MemoryStorage();

  const policy = parts.policy ?? (await openPolicy(config, logger));
  const active = parts.models ?? NO_MODELS;
  const compiled = compileForExplain(active);
  const campaigns = new CampaignRepository(bank.db);
  const segments = new SegmentRepository(bank.db);
  const charts = createChartRoutes({ segments, publicBaseUrl: config.server.publicBaseUrl, logger });
  const exportSigner = new ExportSigner(config.exports.signingSecret);
  if (config.exports.ephemeralSecret) {
    logger.warn('EXPORT_SIGNING_SECRET is not set: export links are signed with a random per-process secret and stop working when the bot restarts (or on another instance). Set it in .env.');
  }
  const services: SkillServices = {
    customers,
    flags: new FlagRepository(bank.db),
    campaigns: { repository: campaigns, exportLinks: createExportLinks(exportSigner, config.exports.baseUrl, { nameOwnerInLink: !config.botAuth }) },
    portfolio: new PortfolioRepository(bank.db),
    segments,
    charts: charts.links,
    policy,
    models: {
      active,
      explain: (customerId) => explainCustomer(bank.db, compiled, customerId, { asOf }),
      drift: (model) => featureDriftReport(bank.db, model, { asOf }),
      segmentOf: (customerId) => customerSegment(bank.db, customerId),
    },
    asOf,
    ...(parts.policyAnswerer ? { policyAnswerer: parts.policyAnswerer } : {}),
    features: { llm: Boolean(config.llm), sharedState: !(storage instanceof MemoryStorage), postgres: bank.engine === 'postgres' },
  };

  const auth = new ConfigurationBotFrameworkAuthentication(
    config.botAuth
      ? {
          MicrosoftAppId: config.botAuth.appId,
          MicrosoftAppPassword: config.botAuth.appPassword,
          MicrosoftAppType: config.botAuth.appType,
          MicrosoftAppTenantId: config.botAuth.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = createTurnErrorHandler({ logger, audit });

  const bot = new BankBot({
    identity: new IdentityResolver(staff, { acceptStaffIdSignIn: !config.botAuth }),
    recognizer: parts.recognizer,
    skills: createSkillRegistry(),
    services,
    customers,
    audit,
    conversationState: new ConversationState(storage),
    logger,
    maxMessageChars: config.server.maxMessageChars,
    parseOrdinal: parts.parseOrdinal,
    parseFollowUp: parts.parseFollowUp,
    explain: parts.explain,
  });

  const server = createServer({
    adapter,
    handleTurn: (context) => bot.run(context),
    logger,
    maxBodyBytes: config.server.maxBodyBytes,
    webDir: path.join(REPO_ROOT, 'web'),
    extraRoutes: (s) => {
      registerExportRoutes(s, { signer: exportSigner, campaigns, staff, audit, logger, asOf, allowQueryIdentity: !config.botAuth });
      charts.register(s);
    },
    devDirectory: config.botAuth
      ? undefined
      : async () => (await staff.list()).map((s) => ({ id: s.id, name: s.name, role: s.role, branchId: s.branch_id })),
    health: async () => {
      const started = Date.now();
      try {
        const [c, s] = await Promise.all([
          bank.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
          bank.db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ]);
        await sql`select 1`.execute(bank.db);
        return {
          status: 'ok',
          database: { engine: bank.engine, reachable: true, latencyMs: Date.now() - started },
          counts: { customers: Number(c.n), staff: Number(s.n) },
          dataAsOf: asOf,
          features: services.features,
        };
      } catch (err) {
        logger.warn('health: database not reachable', { error: err });
        return { status: 'degraded', database: { engine: bank.engine, reachable: false } };
      }
    },
  });

  return { server, adapter, bot, services };
}

/**
 * The policy index with the configured embedding. A hosted embedding that cannot be reached while the
 * index is built must not keep the bot from starting: it falls back to the local embedding, loudly.
 */
async function openPolicy(config: Config, logger: Logger): Promise<PolicyLookup> {
  const { handbookDir, indexDir, embeddings } = config.policy;
  try {
    return await PolicyRetriever.open({ handbookDir, indexDir, embeddings: createEmbeddings(embeddings) });
  } catch (err) {
    if (embeddings.provider === 'local') throw err;
    logger.warn('hosted embeddings unavailable; the policy index uses the local embedding', { provider: embeddings.provider, error: err });
    return PolicyRetriever.open({ handbookDir, indexDir, embeddings: createEmbeddings({ provider: 'local' }) });
  }
}
