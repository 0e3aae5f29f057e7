import type { CustomerMatch, CustomerRepository, CustomerRow } from '../data/repositories/customer-repository';
import { scopeCovers, type CustomerScope } from '../data/scope';
import type { Role } from '../data/vocabulary';
import type { Permission, Principal } from './skill';

/** The role × permission table of DESIGN.md. `undefined` means the role may not use the skill at all. */
const ROLE_SCOPES: Record<Role, Record<Exclude<Permission, 'staff' | 'public'>, 'own' | 'branch' | 'all' | undefined>> = {
  relationship_manager: { customer: 'own', campaign: 'own', portfolio: 'own' },
  branch_manager: { customer: 'branch', campaign: 'branch', portfolio: 'branch' },
  risk_officer: { customer: 'all', campaign: undefined, portfolio: 'all' },
  marketing: { customer: undefined, campaign: 'all', portfolio: 'all' },
  admin: { customer: 'all', campaign: 'all', portfolio: 'all' },
};

export type ScopeDecision = { allowed: true; scope: CustomerScope | undefined } | { allowed: false };

/**
 * The single place that decides what a principal may do with a skill.
 * `scope` is undefined for skills that touch no customer rows (help, policy, segment overview, model cards).
 */
export function decideScope(principal: Principal, permission: Permission): ScopeDecision {
  if (permission === 'public') return { allowed: true, scope: undefined };
  if (principal.role === 'guest') return { allowed: false };
  if (permission === 'staff') return { allowed: true, scope: undefined };
  const reach = ROLE_SCOPES[principal.role][permission];
  switch (reach) {
    case undefined:
      return { allowed: false };
    case 'all':
      return { allowed: true, scope: { kind: 'all' } };
    case 'branch':
      return principal.branchId ? { allowed: true, scope: { kind: 'branch', branchId: principal.branchId } } : { allowed: false };
    case 'own':
      return { allowed: true, scope: { kind: 'portfolio', rmId: principal.staffId } };
  }
}

export type CustomerResolution =
  | { kind: 'found'; customer: CustomerRow }
  | { kind: 'denied'; customerId: string }
  | { kind: 'not_found'; query: string }
  | { kind: 'ambiguous'; query: string; matches: CustomerMatch[] }
  | { kind: 'missing' };

/**
 * Customer look-ups for one turn, within the caller's scope. Every customer id the turn touched — shown
 * or refused — is remembered for the audit log.
 */
export class CustomerAccess {
  private readonly touchedIds = new Set<string>();

  constructor(
    readonly scope: CustomerScope | undefined,
    private readonly customers: CustomerRepository,
  ) {}

  /** Customer ids this turn looked at, including ones it was refused. */
  touched(): string[] {
    return [...this.touchedIds];
  }

  /** Records ids a skill reported on in bulk (lists, statistics rows). */
  recordTouched(ids: Iterable<string>): void {
    for (const id of ids) this.touchedIds.add(id);
  }

  async resolve(ref: { customerId?: string; customerName?: string }): Promise<CustomerResolution> {
    if (!this.scope) throw new Error('CustomerAccess.resolve called by a skill without customer permission');
    if (ref.customerId) {
      const customer = await this.customers.findById(ref.customerId);
      if (!customer) return { kind: 'not_found', query: ref.customerId };
      this.touchedIds.add(customer.id);
      if (!scopeCovers(this.scope, customer)) return { kind: 'denied', customerId: customer.id };
      return { kind: 'found', customer };
    }
    if (ref.customerName) {
      const matches = await this.customers.findByName(ref.customerName);
      if (matches.length === 0) return { kind: 'not_found', query: ref.customerName };
      const scope = this.scope;
      const visible = matches.filter((m) => scopeCovers(scope, m));
      if (visible.length === 0) {
        // Same answer as for an id outside the scope; the first match is what was refused.
        this.touchedIds.add(matches[0]!.id);
        return { kind: 'denied', customerId: matches[0]!.id };
      }
      if (visible.length === 1) {
        const customer = await this.customers.findById(visible[0]!.id);
        if (!customer) return { kind: 'not_found', query: ref.customerName };
        this.touchedIds.add(customer.id);
        return { kind: 'found', customer };
      }
      return { kind: 'ambiguous', query: ref.customerName, matches: visible.slice(0, 10) };
    }
    return { kind: 'missing' };
  }
}
