import type { StaffRepository } from '../data/repositories/staff-repository';
import { ROLES, type Role } from '../data/vocabulary';
import type { Principal } from '../skills/skill';

export interface ChannelUser {
  id?: string;
  name?: string;
  aadObjectId?: string;
}

/**
 * Step 1 of a turn: who is asking. Teams users are recognised by `aadObjectId`; in local development
 * (no Microsoft app id, so no authenticated channel) the bot also accepts `from.id` equal to a staff id,
 * which is how the web chat page and the Emulator sign in. Anyone else is a guest.
 */
export class IdentityResolver {
  constructor(
    private readonly staff: StaffRepository,
    private readonly options: { acceptStaffIdSignIn: boolean },
  ) {}

  async resolve(user: ChannelUser | undefined): Promise<Principal> {
    const row =
      (user?.aadObjectId ? await this.staff.findByAadObjectId(user.aadObjectId) : undefined) ??
      (this.options.acceptStaffIdSignIn && user?.id && /^S\d{4,}$/.test(user.id) ? await this.staff.findById(user.id) : undefined);
    if (row && isRole(row.role)) return { staffId: row.id, name: row.name, role: row.role, branchId: row.branch_id };
    return { staffId: user?.aadObjectId ?? user?.id ?? 'anonymous', name: user?.name ?? 'Guest', role: 'guest', branchId: null };
  }
}

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
