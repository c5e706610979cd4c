import { ManualClock } from '../../src/main/clock';
import { createCore, type Core, type CorePrintingOptions } from '../../src/main/core';
import { silentLogger, type Logger } from '../../src/main/logger';
import type { CorePackingOptions } from '../../src/main/packing/create-packing';
import { seededRandom } from '../../src/main/random';
import type { SecretCipher } from '../../src/main/secrets/secret-cipher';

/** 2026-01-15T08:00:00Z: a fixed "now" so rows and ids are the same on every run. */
export const TEST_EPOCH = Date.UTC(2026, 0, 15, 8, 0, 0);

export interface TestCore {
  core: Core;
  clock: ManualClock;
}

/** A real core on a real SQLite file in `dataDir`, with a clock and randomness the test controls. */
export function makeTestCore(
  dataDir: string,
  options: {
    seed?: number;
    now?: number;
    logger?: Logger;
    printing?: CorePrintingOptions;
    /** The carrier-secret cipher; default the key file in dataDir. */
    secrets?: () => Promise<SecretCipher>;
    packing?: CorePackingOptions;
  } = {},
): TestCore {
  const clock = new ManualClock(options.now ?? TEST_EPOCH);
  const core = createCore({
    dataDir,
    clock,
    random: seededRandom(options.seed ?? 1),
    logger: options.logger ?? silentLogger,
    ...(options.printing ? { printing: options.printing } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.packing ? { packing: options.packing } : {}),
  });
  return { core, clock };
}

/** A logger that keeps what it was given, for asserting that a failure was logged (and nothing leaked). */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}
