import type { TurnContext } from 'botbuilder';
import type { AuditTrail } from './audit';
import { sendTrace, TURN_INFO, type TurnInfo } from './bank-bot';
import { toCodedError, userMessageFor } from './errors';
import type { Logger } from './logger';
import { cleanUserText, detectLanguage } from './recognizer';

/**
 * The one turn-error handler: the full error goes to the log under an incident id; the user gets a short,
 * safe sentence with that id; the trace and the audit log record outcome `error`.
 */
export function createTurnErrorHandler(deps: { logger: Logger; audit: AuditTrail }) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const coded = toCodedError(error);
    const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
    const activity = context.activity;
    const text = typeof activity.text === 'string' ? cleanUserText(activity.text) : '';
    const language = info?.request?.language ?? detectLanguage(text);
    deps.logger.error('turn failed', {
      incidentId: coded.incidentId,
      code: coded.code,
      error: coded.cause ?? coded,
      conversationId: activity.conversation?.id,
      staffId: info?.principal?.staffId ?? activity.from?.id,
      intent: info?.request?.intent,
    });
    try {
      await context.sendActivity(userMessageFor(coded, language));
      await sendTrace(context, {
        intent: info?.request?.intent ?? 'none',
        confidence: info?.request?.confidence ?? 0,
        entities: info?.request?.entities ?? {},
        recognizer: info?.request?.recognizer ?? 'rules',
        skill: info?.request && info.request.intent !== 'none' ? info.request.intent : null,
        outcome: 'error',
        result: null,
        incidentId: coded.incidentId,
      });
    } catch (sendError) {
      deps.logger.error('could not tell the user about a failed turn', { incidentId: coded.incidentId, error: sendError });
    }
    try {
      await deps.audit.record({
        at: new Date(info?.startedAt ?? Date.now()),
        principal: info?.principal ?? { staffId: activity.from?.id ?? 'anonymous', name: '', role: 'guest', branchId: null },
        channel: activity.channelId ?? 'unknown',
        conversationId: activity.conversation?.id ?? 'unknown',
        intent: info?.request?.intent ?? 'none',
        recognizer: info?.request?.recognizer ?? 'rules',
        entities: info?.request?.entities ?? {},
        customerIds: info?.access?.touched() ?? [],
        outcome: 'error',
        latencyMs: Date.now() - (info?.startedAt ?? Date.now()),
        incidentId: coded.incidentId,
        detail: coded.code,
      });
    } catch (auditError) {
      // The audit store is usually the database that just failed; the log line above keeps the evidence.
      deps.logger.error('audit row for a failed turn could not be written', { incidentId: coded.incidentId, error: auditError });
    }
  };
}
