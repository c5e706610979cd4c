import type { Core } from '../../src/main/core';
import { DEFAULT_SUPERVISOR } from '../../src/main/session/users';

/** The PIN tests give the station's first supervisor instead of the 0000 it must change. */
export const SUPERVISOR_PIN = '4826';

/**
 * Gives the default supervisor a chosen PIN with no change pending (what they would have after their
 * first sign-in), written straight to the database so no audit row or lock-out count appears.
 */
export function settleSupervisorPin(core: Core, pin: string = SUPERVISOR_PIN): void {
  core.db.transaction(() => core.users.setPin(DEFAULT_SUPERVISOR.id, pin, false)).immediate();
}

/** Signs the default supervisor in at `clientId` (the local client by default) through the contract. */
export async function signInSupervisor(core: Core, clientId?: string): Promise<void> {
  settleSupervisorPin(core);
  const envelope = await core.dispatch(
    'signIn',
    { userId: DEFAULT_SUPERVISOR.id, pin: SUPERVISOR_PIN },
    clientId ? { clientId } : undefined,
  );
  if (!envelope.ok) throw new Error(`supervisor sign-in failed: ${JSON.stringify(envelope.error)}`);
}

/** The station's administrator tests add (a fresh station has none); carrier accounts are theirs. */
export const TEST_ADMIN = { id: 'admin-ana', name: 'Ana', role: 'admin', pin: '4719' } as const;

/** Adds {@link TEST_ADMIN} with a settled PIN, straight to the database. */
export function addTestAdmin(core: Core): void {
  core.db.transaction(() => core.users.create({ ...TEST_ADMIN, mustChangePin: false })).immediate();
}
