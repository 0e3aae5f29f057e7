import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffTable } from '../schema';

export type StaffRow = Selectable<StaffTable>;

export class StaffRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByAadObjectId(aadObjectId: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom('staff').selectAll().where('aad_object_id', '=', aadObjectId).executeTakeFirst();
  }

  /** The directory for the local identity picker, ordered by id. */
  list(limit = 500): Promise<StaffRow[]> {
    return this.db.selectFrom('staff').selectAll().orderBy('id').limit(limit).execute();
  }
}
