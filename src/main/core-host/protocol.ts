import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';

/**
 * The messages between the main process and the core host (the process that owns SQLite, the
 * sync engine and the print worker). Every message carries the protocol version `v`; both ends
 * parse what they receive with these schemas and drop what does not fit, so neither trusts the
 * other's memory layout, only this file.
 *
 *   main → host   init (once, with the port) · call · webhook · ping · stop · secret-result
 *   host → main   ready | fatal (once) · result · pong · log · stopped · secret
 *
 * A call is answered by exactly one result with the same id, sent after the call's transaction
 * committed (the dispatcher resolves only then). Ids are the client's; the host never invents one.
 *
 * `secret` asks the main process to describe, seal or unseal with the OS secret store (Electron's
 * safeStorage lives only there); it is answered by one `secret-result` with the same id. The host
 * asks only when its init said `secrets: 'shell'`.
 *
 * Changing a message's meaning bumps PROTOCOL_VERSION; a host of another version is refused at
 * `ready`. Adding a new message type is compatible: an end ignores (and logs) a type it does not
 * know.
 */
export const PROTOCOL_VERSION = 1;

const v = z.literal(PROTOCOL_VERSION);
const errorShape = z.object({
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
const envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorShape }),
]);

export const hostInitSchema = z
  .object({
    v,
    t: z.literal('init'),
    dataDir: z.string().min(1),
    /** Electron's build of better_sqlite3.node; absent under plain Node. */
    nativeBinding: z.string().min(1).optional(),
    services: z.object({
      syncTrickle: z.boolean(),
      dailyBackups: z.boolean(),
      printing: z.boolean(),
    }),
    /** shell: carrier secrets are sealed by the main process (safeStorage); absent: the key file. */
    secrets: z.enum(['shell', 'key-file']).optional(),
  })
  .strict();
export type HostInit = z.infer<typeof hostInitSchema>;

const callerSchema = z.object({ clientId: z.string().min(1).max(200) }).strict();

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes');
const secretErrorShape = z.object({
  code: z.enum(['SECRET_STORE_WEAK', 'SECRET_STORE_UNAVAILABLE', 'SECRET_UNREADABLE']),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/** The station server refuses larger pushes before reading them (DEFAULT_MAX_WEBHOOK_BYTES is 256 KB). */
const MAX_WEBHOOK_CHARS = 4 * 1024 * 1024;

/** Carrier secrets are at most a few KB; the bound keeps a confused host from shipping megabytes. */
const MAX_SECRET_CHARS = 64 * 1024;

/** What the host asks of the OS secret store. */
export const secretRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('describe') }).strict(),
  z
    .object({
      op: z.literal('seal'),
      plain: z.string().max(MAX_SECRET_CHARS),
      adminConfirmedWeakBackend: z.boolean(),
    })
    .strict(),
  z.object({ op: z.literal('unseal'), sealed: bytes }).strict(),
]);
export type SecretRequest = z.infer<typeof secretRequestSchema>;

const secretAnswer = z.union([
  z
    .object({
      ok: z.literal(true),
      op: z.literal('describe'),
      backend: z.string().max(64),
      weak: z.boolean(),
    })
    .strict(),
  z.object({ ok: z.literal(true), op: z.literal('seal'), sealed: bytes }).strict(),
  z
    .object({ ok: z.literal(true), op: z.literal('unseal'), plain: z.string().max(MAX_SECRET_CHARS) })
    .strict(),
  z.object({ ok: z.literal(false), error: secretErrorShape }).strict(),
]);
export type SecretAnswer = z.infer<typeof secretAnswer>;

export const secretResultSchema = z
  .object({ v, t: z.literal('secret-result'), id: z.number().int().nonnegative(), answer: secretAnswer })
  .strict();

export const mainMessageSchema = z.discriminatedUnion('t', [
  secretResultSchema,
  z
    .object({
      v,
      t: z.literal('call'),
      id: z.number().int().nonnegative(),
      name: z.string().min(1).max(64),
      input: z.unknown(),
      caller: callerSchema.nullable(),
    })
    .strict(),
  // A carrier's push received by the station server, handed to the core's webhook intake as the
  // exact bytes received (the signature is over them); answered by a `result` with the same id.
  z
    .object({
      v,
      t: z.literal('webhook'),
      id: z.number().int().nonnegative(),
      connector: z.string().min(1).max(64),
      account: z.string().min(1).max(64),
      headers: z.record(z.string(), z.string().optional()),
      body: z.string().max(MAX_WEBHOOK_CHARS),
    })
    .strict(),
  z.object({ v, t: z.literal('ping'), id: z.number().int().nonnegative() }).strict(),
  z.object({ v, t: z.literal('stop') }).strict(),
]);
export type MainMessage = z.infer<typeof mainMessageSchema>;

/** The answer to a call: its own schema, because the CoreClient reads these and nothing else. */
export const resultMessageSchema = z
  .object({ v, t: z.literal('result'), id: z.number().int().nonnegative(), envelope })
  .strict();

export const hostMessageSchema = z.discriminatedUnion('t', [
  z
    .object({
      v,
      t: z.literal('ready'),
      pid: z.number().int(),
      stationId: z.string(),
      schemaVersion: z.number().int(),
    })
    .strict(),
  z
    .object({
      v,
      t: z.literal('fatal'),
      /** A contract error when start-up failed with one (DB_CORRUPT, DISK_FULL, …), else null. */
      error: errorShape.nullable(),
      message: z.string().max(2000),
    })
    .strict(),
  resultMessageSchema,
  z.object({ v, t: z.literal('pong'), id: z.number().int().nonnegative() }).strict(),
  z
    .object({
      v,
      t: z.literal('log'),
      level: z.enum(['info', 'warn', 'error']),
      message: z.string().max(4000),
      fields: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z.object({ v, t: z.literal('stopped') }).strict(),
  z
    .object({ v, t: z.literal('secret'), id: z.number().int().nonnegative(), request: secretRequestSchema })
    .strict(),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** The version a message claims, to tell "another protocol" from "garbage". */
export function versionOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { v?: unknown }).v : undefined;
}

/** A message's type, for the log line about one that did not parse. */
export function typeOf(message: unknown): string {
  const t = typeof message === 'object' && message !== null ? (message as { t?: unknown }).t : undefined;
  return typeof t === 'string' ? t.slice(0, 32) : typeof message;
}
