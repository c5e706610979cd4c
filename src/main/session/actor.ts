import type { UserView } from '../../shared/domain';

/**
 * Who does an action: the operator of the tab, and the supervisor who approved it — the operator
 * themselves when they are one, someone who gave their badge/PIN for this one action (a step-up), or
 * nobody.
 */
export interface Actor {
  user: UserView;
  approver: UserView | null;
}

/** The audit fields of an actor: the row belongs to the operator and names who approved. */
export function auditedBy(actor: Actor): { userId: string; approvedBy: string | null } {
  return { userId: actor.user.id, approvedBy: actor.approver?.id ?? null };
}
