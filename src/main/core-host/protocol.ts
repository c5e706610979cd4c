import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';

/**
 * The messages between the main process and the core host (the process that owns SQLite, the
 * sync engine and the print worker). Every message carries the protocol version `v`; both ends
 * parse what they receive with these schemas and drop what does not fit, so neither trusts the
 * other's memory layout, only this file.
 *
 *   main → host   init (once, with the port) · call · ping · stop
 *   host → main   ready | fatal (once) · result · pong · log · stopped
 *
 * A call is answered by exactly one result with the same id, sent after the call's transaction
 * committed (the dispatcher resolves only then). Ids are the client's; the host never invents one.
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
  })
  .strict();
export type HostInit = z.infer<typeof hostInitSchema>;

const callerSchema = z.object({ clientId: z.string().min(1).max(200) }).strict();

export const mainMessageSchema = z.discriminatedUnion('t', [
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
