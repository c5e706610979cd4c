/**
 * The crash test's kill loop, for longer: `npx tsx scripts/soak.ts [kills=500] [seed]`.
 * Kills a sync child with SIGKILL at random moments N times against a real SQLite file and the
 * local test carrier, lets a final run drain, and checks that every event was delivered, each
 * idempotency key applied exactly once and per-key order held. Exit code 1 when a promise broke.
 * Not part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCarrier } from '../src/main/carriers/test-carrier/server';
import { runKillLoop } from '../test/integration/fixtures/kill-loop';

async function main(): Promise<number> {
  const kills = Number(process.argv[2] ?? 500);
  const seed = Number(process.argv[3] ?? Date.now() % 1_000_000_007);
  if (!Number.isInteger(kills) || kills < 1) throw new Error('usage: soak.ts [kills] [seed]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-soak-'));
  const carrier = await startTestCarrier({ latencyMs: { min: 3, max: 25 }, seed });
  const started = Date.now();
  try {
    const result = await runKillLoop({
      dir,
      carrier,
      kills,
      seed,
      // Enough work for every run to die mid-delivery: about 20 events per run and destination.
      keysPerDestination: 50,
      eventsPerKey: Math.max(20, Math.ceil((kills * 20) / 50)),
      onKill: (run) => {
        if ((run + 1) % 50 === 0) process.stdout.write(`${(run + 1).toString()} kills\n`);
      },
    });
    const ok = result.counts.delivered === result.total && result.applied === result.total;
    const stats = carrier.stats();
    process.stdout.write(
      JSON.stringify(
        {
          ok,
          ...result,
          seconds: Math.round((Date.now() - started) / 1000),
          carrier: {
            requests: stats.requests.events,
            received: stats.eventsReceived,
            duplicates: stats.duplicates,
          },
        },
        null,
        2,
      ) + '\n',
    );
    return ok ? 0 : 1;
  } finally {
    await carrier.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
