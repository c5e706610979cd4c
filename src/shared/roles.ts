import type { ROLES } from './domain';

export type Role = (typeof ROLES)[number];

/** What a call or an action needs of the person making it. */
export type RequiredRole = 'any' | 'supervisor' | 'admin';

const RANK: Record<Role, number> = { clerk: 0, packer: 0, supervisor: 1, admin: 2 };
const NEEDED: Record<RequiredRole, number> = { any: 0, supervisor: 1, admin: 2 };

/** An admin may do everything a supervisor may; a supervisor everything a clerk may. */
export function hasRole(role: Role, required: RequiredRole): boolean {
  return RANK[role] >= NEEDED[required];
}

/** Roles whose sign-in ends when the tab is idle, and who may approve a step-up. */
export function isPrivileged(role: Role): boolean {
  return hasRole(role, 'supervisor');
}

/**
 * Whether `actor` may manage `target`'s credentials (reset a PIN, assign a badge): an admin anyone,
 * a supervisor the bench roles only — never someone above or beside them.
 */
export function mayManage(actor: Role, target: Role): boolean {
  return actor === 'admin' || RANK[actor] > RANK[target];
}
