import { decideScope } from '../../skills/access';
import type { Principal } from '../../skills/skill';

const who = (role: Principal['role'], staffId = 'S0010', branchId: string | null = 'B01'): Principal => ({ staffId, name: 'x', role, branchId });

describe('decideScope (DESIGN.md roles and scope)', () => {
  it.each([
    ['relationship_manager', 'customer', { kind: 'portfolio', rmId: 'S0010' }],
    ['branch_manager', 'customer', { kind: 'branch', branchId: 'B01' }],
    ['risk_officer', 'customer', { kind: 'all' }],
    ['marketing', 'customer', null],
    ['admin', 'customer', { kind: 'all' }],
    ['relationship_manager', 'campaign', { kind: 'portfolio', rmId: 'S0010' }],
    ['risk_officer', 'campaign', null],
    ['marketing', 'campaign', { kind: 'all' }],
    ['marketing', 'portfolio', { kind: 'all' }],
    ['branch_manager', 'portfolio', { kind: 'branch', branchId: 'B01' }],
    ['guest', 'customer', null],
    ['guest', 'staff', null],
  ] as const)('%s on %s', (role, permission, expected) => {
    const d = decideScope(who(role), permission);
    if (expected === null) expect(d.allowed).toBe(false);
    else expect(d).toEqual({ allowed: true, scope: expected });
  });

  it('lets everyone, guests included, use public skills, and any staff member use staff skills', () => {
    expect(decideScope(who('guest'), 'public')).toEqual({ allowed: true, scope: undefined });
    expect(decideScope(who('marketing'), 'staff')).toEqual({ allowed: true, scope: undefined });
  });

  it('refuses a branch manager without a branch rather than widening the scope', () => {
    expect(decideScope(who('branch_manager', 'S0004', null), 'customer').allowed).toBe(false);
  });
});
