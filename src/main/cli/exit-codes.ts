/**
 * The exit codes of every `lastmile` command, documented in the README and the usage text. A
 * scheduled task tells "look at the report" (1) from "the station cannot run here" (4).
 */
export const EXIT = {
  ok: 0,
  /** Something needs attention (failures, dead letters, exceptions, errors in the report). */
  attention: 1,
  usage: 2,
  /** Another sync (the app or another CLI run) holds the sync lock. */
  busy: 3,
  /** The data folder or database cannot be used: unusable, read-only, full, locked, damaged, newer. */
  unusable: 4,
  /** The station's port is taken or not allowed. */
  port: 5,
  /** A backup could not be written (disk full, …): nothing partial is left. */
  backupFailed: 6,
  /** Anything else: a bug; one line on stderr, the stack with LASTMILE_DEBUG=1. */
  internal: 70,
} as const;
