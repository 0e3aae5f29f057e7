import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../schema';

export type AuditEntry = Insertable<AuditLogTable>;
export type AuditRow = Selectable<AuditLogTable>;

/** Append-only: there is deliberately no update or delete here, and the database refuses both. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values(entry).execute();
  }

  /** Most recent first. */
  recent(options: { staffId?: string; limit?: number } = {}): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (options.staffId) q = q.where('staff_id', '=', options.staffId);
    return q.orderBy('id', 'desc').limit(options.limit ?? 50).execute();
  }
}
