/**
 * Which customers a member of staff may see, as the repositories apply it in SQL.
 * Derived from role (DESIGN.md "Roles and scope") by the access layer; repositories only obey it.
 */
export type CustomerScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'branch'; readonly branchId: string }
  | { readonly kind: 'portfolio'; readonly rmId: string };

export interface ScopedCustomer {
  readonly id: string;
  readonly branch_id: string;
  readonly rm_id: string;
}

/** True when the scope covers this customer. */
export function scopeCovers(scope: CustomerScope, customer: ScopedCustomer): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'branch':
      return customer.branch_id === scope.branchId;
    case 'portfolio':
      return customer.rm_id === scope.rmId;
  }
}
