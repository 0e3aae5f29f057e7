import type { AuditRepository } from '../data/repositories/audit-repository';
import type { Entities } from '../skills/contracts';
import type { Outcome, Principal } from '../skills/skill';

export interface TurnRecord {
  at: Date;
  principal: Principal;
  channel: string;
  conversationId: string;
  intent: string;
  recognizer: string;
  entities: Entities;
  customerIds: readonly string[];
  outcome: Outcome;
  latencyMs: number;
  incidentId?: string;
  detail?: string;
}

/** Step 5 of a turn: one append-only audit row per turn, whatever its outcome. */
export class AuditTrail {
  constructor(private readonly repo: AuditRepository) {}

  record(turn: TurnRecord): Promise<void> {
    return this.repo.append({
      ts: turn.at.toISOString(),
      incident_id: turn.incidentId ?? null,
      staff_id: turn.principal.staffId,
      role: turn.principal.role,
      channel: turn.channel,
      conversation_id: turn.conversationId,
      intent: turn.intent,
      recognizer: turn.recognizer,
      entities: JSON.stringify(turn.entities),
      customer_ids: JSON.stringify(turn.customerIds),
      outcome: turn.outcome,
      latency_ms: Math.round(turn.latencyMs),
      detail: turn.detail ?? null,
    });
  }
}
