import Database from 'better-sqlite3';
import path from 'node:path';
import { better, defineQueue, JobStatus } from 'plainjob';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { DeliveryStore } from '../../src/main/outbox/delivery-store';
import { caseDir, type BenchCase, type BenchContext } from '../context';
import { measurement } from '../measurement';
import { msSince, ratePerSecond, summarize } from '../stats';
import { enqueueAll, scanEvents } from '../workload';

const DESTINATION = 'bench';
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

/**
 * Claiming and acknowledging N queued events, through the delivery store, against plainjob (a
 * SQLite job queue) doing the same to N jobs with the same payloads, on its own file in the same
 * directory. Enqueueing is setup and not timed. plainjob forces synchronous=NORMAL when it opens a
 * queue; we put FULL back, so both pay for a durable commit.
 */
export const claimAck: BenchCase = {
  name: 'claim-ack',
  async run(ctx) {
    const { jobs, rounds, claimLimit } = ctx.profile.claim;
    ctx.log(
      `claim+ack: ${rounds} round(s) of ${jobs} events, delivery store (claim ${claimLimit}) vs plainjob`,
    );
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(await deliveryStoreRound(ctx, jobs, claimLimit));
      theirs.push(plainjobRound(ctx, jobs, 'FULL'));
    }
    const theirsNormal = plainjobRound(ctx, jobs, 'NORMAL');
    const ourStats = summarize(ours);
    const theirStats = summarize(theirs);
    return [
      measurement({
        id: 'claim.throughput',
        name: `claim+ack, delivery store (${claimLimit}/claim)`,
        unit: 'events/s',
        figure: ourStats.p50,
        baseline: { name: 'plainjob, FULL', value: theirStats.p50 },
        target: { on: 'ratio', op: '>=', value: 5 },
        details: { jobs, rounds, claimLimit, deliveryStore: ourStats, plainjob: theirStats },
      }),
      measurement({
        id: 'claim.plainjobNormal',
        name: 'plainjob at its default synchronous=NORMAL',
        unit: 'events/s',
        figure: theirsNormal,
        baseline: { name: 'plainjob, FULL', value: theirStats.p50 },
        details: { jobs, note: 'context for the 15k jobs/s plainjob advertises; not durable on power loss' },
      }),
    ];
  },
};

async function deliveryStoreRound(ctx: BenchContext, jobs: number, limit: number): Promise<number> {
  const core = createCore({
    dataDir: path.join(caseDir(ctx, 'claim-ours'), 'station'),
    logger: silentLogger,
  });
  try {
    const { db } = core;
    enqueueAll(core, jobs, DESTINATION);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const store = new DeliveryStore(db, core.clock);
    const start = process.hrtime.bigint();
    let acked = 0;
    for (;;) {
      const claimed = await store.claim(DESTINATION, {
        limit,
        owner: 'bench',
        leaseMs: 60_000,
        now: Date.now(),
      });
      if (claimed.length === 0) break;
      acked += await store.markDelivered(
        claimed.map((e) => e.id),
        Date.now(),
      );
    }
    const elapsed = msSince(start);
    const delivered = db
      .prepare("SELECT count(*) FROM outbox_events WHERE status = 'delivered'")
      .pluck()
      .get() as number;
    if (acked !== jobs || delivered !== jobs) {
      throw new Error(`delivery store acknowledged ${acked} and stored ${delivered} of ${jobs} events`);
    }
    return ratePerSecond(jobs, elapsed);
  } finally {
    await core.close();
  }
}

function plainjobRound(ctx: BenchContext, jobs: number, synchronous: 'FULL' | 'NORMAL'): number {
  const db = new Database(path.join(caseDir(ctx, 'claim-plainjob'), 'plainjob.sqlite'));
  const queue = defineQueue({ connection: better(db), logger: quiet, maintenanceInterval: 3_600_000 });
  try {
    db.pragma(`synchronous = ${synchronous}`);
    const level = db.pragma('synchronous', { simple: true });
    if (level !== (synchronous === 'FULL' ? 2 : 1))
      throw new Error(`plainjob runs with synchronous=${level}`);
    queue.addMany(
      'bench',
      scanEvents(jobs, 0, DESTINATION).map((e) => e.payload),
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    // What plainjob's worker does per job, minus its scheduled-job probe and poll sleeps.
    const start = process.hrtime.bigint();
    for (;;) {
      const claimed = queue.getAndMarkJobAsProcessing('bench');
      if (!claimed) break;
      const job = queue.getJobById(claimed.id);
      if (!job) throw new Error(`plainjob lost job ${claimed.id}`);
      queue.markJobAsDone(job.id);
    }
    const elapsed = msSince(start);
    const done = queue.countJobs({ type: 'bench', status: JobStatus.Done });
    if (done !== jobs) throw new Error(`plainjob finished ${done} of ${jobs} jobs`);
    return ratePerSecond(jobs, elapsed);
  } finally {
    queue.close();
  }
}
