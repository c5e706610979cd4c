/** The users every station starts with. */
export const DEFAULT_SUPERVISOR_ID = 'supervisor';

/** The first supervisor, so someone can sign in at all; PIN 0000, which must be changed at first sign-in. */
export const DEFAULT_SUPERVISOR = {
  id: DEFAULT_SUPERVISOR_ID,
  name: 'Supervisor',
  role: 'supervisor',
  pin: '0000',
  mustChangePin: true,
} as const;

/** Who scans at a tab nobody signed in at (station-identity.ts stores which user that is). */
export const DEFAULT_CLERK = { id: 'clerk', name: 'Clerk', role: 'clerk', pin: '1111' } as const;
