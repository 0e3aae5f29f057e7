import { ConversationState, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import type { BankDatabase } from '../../data/database';
import { AuditRepository } from '../../data/repositories/audit-repository';
import { CustomerRepository } from '../../data/repositories/customer-repository';
import { FlagRepository } from '../../data/repositories/flag-repository';
import { StaffRepository } from '../../data/repositories/staff-repository';
import { createSkillRegistry } from '../../skills';
import { AuditTrail } from '../../bot/audit';
import { BankBot, TRACE_NAME, type TurnTrace } from '../../bot/bank-bot';
import { IdentityResolver } from '../../bot/identity';
import { silentLogger } from '../../bot/logger';
import type { Recognizer } from '../../bot/recognizer';
import { createTurnErrorHandler } from '../../bot/turn-error';
import { createBuiltInRecognizer, parseFollowUp, parseOrdinal } from '../../bot/built-in-recognizer';
import { testPolicy } from './policy';
import { PortfolioRepository } from '../../data/repositories/portfolio-repository';
import { SegmentRepository } from '../../data/repositories/segment-repository';
import { createChartRoutes } from '../../bot/charts-route';
import { CampaignRepository } from '../../data/repositories/campaign-repository';
import { createExportLinks, ExportSigner } from '../../bot/exports';
import type { ActiveModels, LoadedModel } from '../../models/registry/types';
import { compileForExplain, explainCustomer } from '../../models/scoring/explain';
import { featureDriftReport } from '../../models/scoring/drift';
import { customerSegment } from '../../models/segmentation';

export interface BotReply {
  text: string;
  card: Record<string, unknown> | undefined;
  trace: TurnTrace;
  activities: Partial<Activity>[];
}

/** Signing secret of the test bot's export links (tests verify tokens with it). */
export const TEST_EXPORT_SECRET = 'test-export-signing-secret-0123456789abcdef';

/** Public address of the test bot, in chart links. */
export const TEST_PUBLIC_BASE_URL = 'https://copilot.test.example';

/** A BankBot over a real database, driven through botbuilder's TestAdapter on the emulator channel. */
export async function createTestBot(
  bank: BankDatabase,
  options: { recognizer?: Recognizer; asOf?: string; models?: ActiveModels; storage?: Storage } = {},
) {
  const customers = new CustomerRepository(bank.db);
  const audit = new AuditTrail(new AuditRepository(bank.db));
  const asOf = options.asOf ?? (await customers.asOf()) ?? '2026-11-01';
  const bot = new BankBot({
    identity: new IdentityResolver(new StaffRepository(bank.db), { acceptStaffIdSignIn: true }),
    recognizer: options.recognizer ?? createBuiltInRecognizer(),
    skills: createSkillRegistry(),
    services: {
      customers,
      flags: new FlagRepository(bank.db),
      asOf,
      policy: await testPolicy(),
      models: modelServices(bank, options.models, asOf),
      campaigns: { repository: new CampaignRepository(bank.db), exportLinks: createExportLinks(new ExportSigner(TEST_EXPORT_SECRET)) },
      portfolio: new PortfolioRepository(bank.db),
      segments: new SegmentRepository(bank.db),
      charts: createChartRoutes({ segments: new SegmentRepository(bank.db), publicBaseUrl: TEST_PUBLIC_BASE_URL, logger: silentLogger }).links,
      features: { llm: false, sharedState: false, postgres: bank.engine === 'postgres' } },
    customers,
    audit,
    conversationState: new ConversationState(options.storage ?? new MemoryStorage()),
    logger: silentLogger,
    maxMessageChars: 2000,
    parseOrdinal,
    parseFollowUp,
  });
  let conversationCounter = 0;

  /** Opens a conversation as `staffId`; `say` sends one message (or card click) and returns the bot's reply. */
  function conversation(staffId: string, channelId = 'emulator', conversationId?: string) {
    conversationCounter += 1;
    const adapter = new TestAdapter(
      async (context) => bot.run(context),
      {
        channelId,
        conversation: { id: conversationId ?? `conv-${conversationCounter}`, isGroup: false, conversationType: 'personal', name: '' },
        user: { id: staffId, name: staffId },
        bot: { id: 'bank-copilot', name: 'Bank Copilot' },
      } as never,
      true,
    );
    adapter.onTurnError = createTurnErrorHandler({ logger: silentLogger, audit });
    return {
      adapter,
      async say(text: string, value?: Record<string, unknown>): Promise<BotReply> {
        const before = adapter.activeQueue.length;
        await adapter.processActivity({ type: 'message', text, value, from: { id: staffId, name: staffId } });
        const activities = adapter.activeQueue.splice(before);
        const message = activities.find((a) => a.type === 'message');
        const trace = activities.find((a) => a.type === 'trace' && a.name === TRACE_NAME);
        return {
          text: message?.text ?? '',
          card: message?.attachments?.[0]?.content as Record<string, unknown> | undefined,
          trace: trace?.value as TurnTrace,
          activities,
        };
      },
    };
  }
  return { bot, conversation };
}

function modelServices(bank: BankDatabase, models: ActiveModels | undefined, asOf: string) {
  const active: ActiveModels = models ?? { credit: null, churn: null, propensity: new Map(), warnings: [] };
  const compiled = compileForExplain(active);
  return {
    active,
    explain: (customerId: string) => explainCustomer(bank.db, compiled, customerId, { asOf }),
    drift: (model: LoadedModel) => featureDriftReport(bank.db, model, { asOf }),
    segmentOf: (customerId: string) => customerSegment(bank.db, customerId),
  };
}
