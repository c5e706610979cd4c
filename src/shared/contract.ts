import type { z } from 'zod';
import type { AnyCallSpec } from './call-spec';
import { activityCalls } from './calls/activity';
import { credentialsCalls } from './calls/credentials';
import { outboxCalls } from './calls/outbox';
import { packingCalls } from './calls/packing';
import { printingCalls } from './calls/printing';
import { qcSupervisionCalls } from './calls/qc-supervision';
import { returnsCalls } from './calls/returns';
import { routesCalls } from './calls/routes';
import { scanCalls } from './calls/scans';
import { sessionCalls } from './calls/session';
import { settingsCalls } from './calls/settings';
import { stationCalls } from './calls/station';
import { syncCalls } from './calls/sync';
import type { CallName } from './channels';
import type { Envelope, ErrorCode } from './errors';

export { call, type CallSpec } from './call-spec';

/**
 * The one contract between the screens and the core: every capability's calls (src/shared/calls/),
 * merged. The Electron IPC handlers, the preload bridge, the station server and the renderer client
 * are all derived from it. Adding a capability is one file there and one line here.
 */
export const contract = {
  ...sessionCalls,
  ...scanCalls,
  ...outboxCalls,
  ...settingsCalls,
  ...syncCalls,
  ...stationCalls,
  ...printingCalls,
  ...returnsCalls,
  ...activityCalls,
  ...routesCalls,
  ...qcSupervisionCalls,
  ...credentialsCalls,
  ...packingCalls,
} satisfies Record<CallName, AnyCallSpec>;

// The preload exposes CALL_NAMES without loading zod; the two lists must name the same calls.
type Missing = Exclude<CallName, keyof typeof contract> | Exclude<keyof typeof contract, CallName>;
const callNamesMatchContract: [Missing] extends [never] ? true : Missing = true;
void callNamesMatchContract;

export const COMMON_ERRORS: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'DB_LOCKED',
  'DB_READONLY',
  'DISK_FULL',
  'DB_CORRUPT',
  'INTERNAL',
];

export type Contract = typeof contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

/** The API the renderer uses: one typed async function per call; failures throw AppError. */
export type LastmileApi = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** What the preload puts on `window.lastmile`: the same calls, answering with envelopes. */
export type LastmileBridge = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> };
