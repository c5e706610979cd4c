import path from 'node:path';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { outboxPayloadSchemas } from '../../src/shared/outbox-events';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, ratePerSecond, summarize } from '../stats';
import { idle, scanEvents } from '../workload';

type Row = [string, string, string, string, string, string, number, number, number];

/** The statement Outbox prepares, verbatim, so the ceiling inserts exactly what enqueue inserts. */
const INSERT_SQL = `INSERT INTO outbox_events
   (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
    next_attempt_at, created_at, updated_at)
 VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`;

/**
 * Outbox.enqueue, N events per transaction, against the ceiling: the same rows, ready-made,
 * through one prepared INSERT in one transaction into the same table. A third arm does what
 * enqueue does minus the zod payload check, to show what that check costs.
 */
export const enqueueThroughput: BenchCase = {
  name: 'enqueue-throughput',
  async run(ctx) {
    const { batchSize, warmup, samples } = ctx.profile.enqueue;
    const core = createCore({ dataDir: path.join(caseDir(ctx, 'enqueue'), 'station'), logger: silentLogger });
    try {
      const { db, outbox, clock, newId } = core;
      const insert = db.prepare<Row>(INSERT_SQL);
      let offset = 0;
      const nextEvents = (): ReturnType<typeof scanEvents> => {
        const events = scanEvents(batchSize, offset);
        offset += batchSize;
        return events;
      };

      const viaOutbox = (): number => {
        const events = nextEvents();
        const start = process.hrtime.bigint();
        db.transaction(() => {
          for (const e of events) outbox.enqueue(db, e);
        }).immediate();
        return msSince(start);
      };
      const ceiling = (): number => {
        const now = clock.now();
        const rows: Row[] = nextEvents().map((e) => {
          const id = newId();
          return [id, id, e.destination, e.orderingKey, e.type, JSON.stringify(e.payload), now, now, now];
        });
        const start = process.hrtime.bigint();
        db.transaction(() => {
          for (const r of rows) insert.run(...r);
        }).immediate();
        return msSince(start);
      };
      const unvalidated = (): number => {
        const events = nextEvents();
        const start = process.hrtime.bigint();
        db.transaction(() => {
          for (const e of events) {
            const id = newId();
            const now = clock.now();
            insert.run(
              id,
              e.idempotencyKey ?? id,
              e.destination,
              e.orderingKey,
              e.type,
              JSON.stringify(e.payload),
              now,
              now,
              now,
            );
          }
        }).immediate();
        return msSince(start);
      };

      // The payload check alone, on a batch of the same events, outside any transaction. It runs
      // in step with the other arms because zod needs ~100k calls before V8 has fully optimised it:
      // timed on its own, after a long warm-up, it would look far cheaper than it is inside enqueue.
      const schema = outboxPayloadSchemas['scan.recorded'];
      const validationOnly = (): number => {
        const events = nextEvents();
        const start = process.hrtime.bigint();
        for (const e of events) schema.safeParse(e.payload);
        return msSince(start);
      };

      ctx.log(`enqueue: ${warmup} warm-up + ${samples} batches of ${batchSize} per arm, interleaved`);
      for (let w = 0; w < warmup; w++) {
        viaOutbox();
        ceiling();
        unvalidated();
        validationOnly();
      }
      const rates = { outbox: [] as number[], ceiling: [] as number[], unvalidated: [] as number[] };
      const zodUs: number[] = [];
      // The order rotates every round, so WAL checkpoints (one per 1000 pages, paid by whichever
      // commit crosses the line) and GC pauses cannot settle on one arm by the rhythm of the loop.
      const arms = [
        { run: viaOutbox, into: rates.outbox },
        { run: ceiling, into: rates.ceiling },
        { run: unvalidated, into: rates.unvalidated },
      ];
      for (let s = 0; s < samples; s++) {
        for (let k = 0; k < arms.length; k++) {
          const arm = arms[(s + k) % arms.length] as (typeof arms)[number];
          arm.into.push(ratePerSecond(batchSize, arm.run()));
        }
        zodUs.push((validationOnly() * 1000) / batchSize);
        await idle(); // lets the station's checkpoint timer run between batches, as it would
      }
      const zodUsPerEvent = summarize(zodUs).p50;
      const eventsSeen = (warmup + samples) * batchSize * 2;

      const outboxStats = summarize(rates.outbox);
      const ceilingStats = summarize(rates.ceiling);
      const unvalidatedStats = summarize(rates.unvalidated);
      const outboxUsPerEvent = 1e6 / outboxStats.p50;
      const ceilingName = 'raw batched INSERT';
      return [
        measurement({
          id: 'enqueue.throughput',
          name: `outbox.enqueue, ${batchSize}/tx`,
          unit: 'events/s',
          figure: outboxStats.p50,
          baseline: { name: ceilingName, value: ceilingStats.p50 },
          target: { on: 'ratio', op: '>=', value: 0.8 },
          details: { batchSize, outbox: outboxStats, ceiling: ceilingStats },
        }),
        measurement({
          id: 'enqueue.unvalidated',
          name: `enqueue minus zod check, ${batchSize}/tx`,
          unit: 'events/s',
          figure: unvalidatedStats.p50,
          baseline: { name: ceilingName, value: ceilingStats.p50 },
          details: { batchSize, unvalidated: unvalidatedStats },
        }),
        measurement({
          id: 'enqueue.zod',
          name: 'zod payload check per event',
          unit: 'µs',
          figure: zodUsPerEvent,
          baseline: { name: 'whole enqueue per event', value: outboxUsPerEvent },
          details: {
            zodUs: summarize(zodUs),
            zodCalls: eventsSeen,
            shareOfEnqueue: zodUsPerEvent / outboxUsPerEvent,
          },
        }),
      ];
    } finally {
      await core.close();
    }
  },
};
