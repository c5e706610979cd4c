import { z } from 'zod';
import type { CallName } from './channels';
import {
  OUTBOX_STATUSES,
  SCAN_SOURCES,
  outboxEventViewSchema,
  scanHistoryItemSchema,
  scanResultSchema,
  settingsSchema,
  userViewSchema,
} from './domain';
import type { Envelope, ErrorCode } from './errors';
import { outboxCountsSchema, syncOverviewSchema, syncReportSchema } from './sync-views';

/**
 * The one contract between the screens and the core. Each call is declared once here; the Electron
 * IPC handlers, the preload bridge, the station server and the renderer client are all derived from it.
 */
export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Codes this call may fail with, besides the ones every call may fail with (see COMMON_ERRORS). */
  errors: readonly ErrorCode[];
  /** Who may make the call; the signed-in user's role is checked by the dispatcher. */
  role: 'any' | 'supervisor';
}

function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const none = z.object({}).strict();
const id = z.string().min(1).max(64);

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

export const contract = {
  getSession: call({
    input: none,
    output: z.object({ user: userViewSchema, stationName: z.string() }),
    errors: [],
    role: 'any',
  }),
  listUsers: call({ input: none, output: z.array(userViewSchema), errors: [], role: 'any' }),
  signIn: call({
    input: z.object({ userId: id, pin: z.string().min(1).max(32) }).strict(),
    output: userViewSchema,
    errors: ['NOT_FOUND', 'BAD_PIN'],
    role: 'any',
  }),
  signOut: call({ input: none, output: userViewSchema, errors: [], role: 'any' }),
  recordScan: call({
    // Raw text as typed: length and characters are judged by normaliseScan to give a precise error.
    input: z.object({ code: z.string().max(8192), source: z.enum(SCAN_SOURCES) }).strict(),
    output: scanResultSchema,
    errors: ['SCAN_EMPTY', 'SCAN_TOO_LONG', 'SCAN_BAD_CHARACTERS', 'SCAN_NOT_ASCII'],
    role: 'any',
  }),
  recentScans: call({
    input: z.object({ limit: z.number().int().min(1).max(200) }).strict(),
    output: z.array(scanHistoryItemSchema),
    errors: [],
    role: 'any',
  }),
  listQueue: call({
    input: z
      .object({
        statuses: z.array(z.enum(OUTBOX_STATUSES)).min(1).max(OUTBOX_STATUSES.length),
        limit: z.number().int().min(1).max(500),
        offset: z.number().int().min(0).max(1_000_000),
      })
      .strict(),
    // counts: every status, for the filter buttons, in the same answer as the page.
    output: z.object({
      events: z.array(outboxEventViewSchema),
      total: z.number().int(),
      counts: outboxCountsSchema,
    }),
    errors: [],
    role: 'any',
  }),
  getSettings: call({ input: none, output: settingsSchema, errors: [], role: 'any' }),
  updateSettings: call({
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
    errors: [],
    role: 'any',
  }),
  getSyncOverview: call({ input: none, output: syncOverviewSchema, errors: [], role: 'any' }),
  startDailySync: call({
    input: none,
    output: z.object({ runId: z.string() }),
    errors: ['SYNC_ALREADY_RUNNING'],
    role: 'supervisor',
  }),
  cancelSync: call({
    input: none,
    output: z.object({ runId: z.string() }),
    errors: ['SYNC_NOT_RUNNING'],
    role: 'supervisor',
  }),
  listSyncReports: call({
    input: z.object({ limit: z.number().int().min(1).max(50) }).strict(),
    output: z.array(syncReportSchema),
    errors: [],
    role: 'any',
  }),
  listDeadLetters: call({
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    output: z.array(outboxEventViewSchema),
    errors: [],
    role: 'any',
  }),
  retryDeadLetter: call({
    input: z.object({ eventId: id }).strict(),
    output: outboxEventViewSchema,
    errors: ['NOT_FOUND', 'OUTBOX_EVENT_NOT_DEAD', 'FORBIDDEN'],
    role: 'supervisor',
  }),
  discardDeadLetter: call({
    input: z.object({ eventId: id, reason: z.string().trim().min(3).max(500) }).strict(),
    output: outboxEventViewSchema,
    errors: ['NOT_FOUND', 'OUTBOX_EVENT_NOT_DEAD', 'FORBIDDEN'],
    role: 'supervisor',
  }),
} satisfies Record<CallName, CallSpec<z.ZodType, z.ZodType>>;

export type Contract = typeof contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

/** The API the renderer uses: one typed async function per call; failures throw AppError. */
export type LastmileApi = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

/** What the preload puts on `window.lastmile`: the same calls, answering with envelopes. */
export type LastmileBridge = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> };
