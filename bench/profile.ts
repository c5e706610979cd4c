/** Workload sizes. `default` is the run quoted in docs/benchmarks.md; `tiny` only checks the harness. */
export interface Profile {
  name: 'default' | 'quick' | 'tiny';
  commit: { demoParcels: number; warmup: number; samples: number };
  enqueue: { batchSize: number; warmup: number; samples: number };
  claim: { jobs: number; rounds: number; claimLimit: number };
  drain: {
    batched: { events: number; batchSize: number; requestsPerSecond: number };
    unbatched: { events: number; requestsPerSecond: number };
  };
  /** Outbox sizes for the screens' read paths: delivered (history), pending and dead events. */
  readPaths: { delivered: number; pending: number; dead: number; samples: number };
  /**
   * `runMs`: how long the engine works through the backlog while memory is sampled; `deliveries`:
   * events the background engine then delivers to a fast carrier before the heap is read again.
   */
  memory: {
    pending: number;
    sampleEveryMs: number;
    runMs: number;
    deliveries: number;
    deliveryBatch: number;
  };
  printing: { warmup: number; samples: number; queueJobs: number };
  /** Codes in the recogniser's corpus, timed rounds over it, untimed warm-up rounds. */
  recognise: { corpus: number; rounds: number; warmup: number };
  /**
   * `prefill`: rows both logs hold before append is timed; durable `samples`; `batches` of
   * `batchRows` rows in one transaction; `verifyRows` in the log verify checks, `verifyRounds` times.
   */
  audit: {
    prefill: number;
    warmup: number;
    samples: number;
    batchRows: number;
    batches: number;
    verifyRows: number;
    verifyRounds: number;
  };
  /** Scans (and trivial reads) through the core process and in this process, interleaved. */
  coreProcess: { demoParcels: number; warmup: number; samples: number };
  /**
   * The QC benchmarks' station database (bench/qc-database.ts, cached between runs) and the small
   * one lookup-scale compares it with; decisions timed, lookups timed at each size, scans typed
   * into Chromium.
   */
  qc: {
    parcels: number;
    returnOrders: number;
    smallParcels: number;
    smallReturnOrders: number;
    decisionWarmup: number;
    decisionSamples: number;
    lookupWarmup: number;
    lookupSamples: number;
    feedbackWarmup: number;
    feedbackScans: number;
  };
  /** Item scans at the packing screen in Chromium, each followed by the same call made bare from the page. */
  packVerify: { warmup: number; samples: number };
  /** Orders a scripted clerk packs and hands over in `pack-shift` (pack-label uses `printing`). */
  pack: { shiftOrders: number };
}

export const PROFILES: Record<Profile['name'], Profile> = {
  default: {
    name: 'default',
    commit: { demoParcels: 5000, warmup: 100, samples: 2000 },
    enqueue: { batchSize: 1000, warmup: 10, samples: 40 },
    claim: { jobs: 3000, rounds: 3, claimLimit: 100 },
    drain: {
      batched: { events: 50_000, batchSize: 100, requestsPerSecond: 200 },
      unbatched: { events: 2000, requestsPerSecond: 1000 },
    },
    readPaths: { delivered: 1_000_000, pending: 10_000, dead: 100, samples: 300 },
    memory: { pending: 100_000, sampleEveryMs: 100, runMs: 5000, deliveries: 300_000, deliveryBatch: 10 },
    printing: { warmup: 20, samples: 300, queueJobs: 300 },
    recognise: { corpus: 5000, rounds: 20, warmup: 5 },
    audit: {
      prefill: 100_000,
      warmup: 50,
      samples: 1000,
      batchRows: 1000,
      batches: 20,
      verifyRows: 1_000_000,
      verifyRounds: 2,
    },
    coreProcess: { demoParcels: 5000, warmup: 100, samples: 1000 },
    qc: {
      parcels: 1_000_000,
      returnOrders: 200_000,
      smallParcels: 10_000,
      smallReturnOrders: 2_000,
      decisionWarmup: 20,
      decisionSamples: 400,
      lookupWarmup: 300,
      lookupSamples: 3000,
      feedbackWarmup: 10,
      feedbackScans: 200,
    },
    packVerify: { warmup: 30, samples: 500 },
    pack: { shiftOrders: 500 },
  },
  quick: {
    name: 'quick',
    commit: { demoParcels: 2000, warmup: 30, samples: 400 },
    enqueue: { batchSize: 1000, warmup: 5, samples: 15 },
    claim: { jobs: 1000, rounds: 1, claimLimit: 100 },
    drain: {
      batched: { events: 10_000, batchSize: 100, requestsPerSecond: 200 },
      unbatched: { events: 1000, requestsPerSecond: 1000 },
    },
    readPaths: { delivered: 1_000_000, pending: 10_000, dead: 100, samples: 100 },
    memory: { pending: 100_000, sampleEveryMs: 100, runMs: 2000, deliveries: 100_000, deliveryBatch: 10 },
    printing: { warmup: 10, samples: 100, queueJobs: 100 },
    recognise: { corpus: 2000, rounds: 8, warmup: 2 },
    audit: {
      prefill: 20_000,
      warmup: 20,
      samples: 300,
      batchRows: 1000,
      batches: 8,
      verifyRows: 200_000,
      verifyRounds: 1,
    },
    coreProcess: { demoParcels: 2000, warmup: 30, samples: 300 },
    qc: {
      parcels: 1_000_000,
      returnOrders: 200_000,
      smallParcels: 10_000,
      smallReturnOrders: 2_000,
      decisionWarmup: 10,
      decisionSamples: 150,
      lookupWarmup: 100,
      lookupSamples: 1000,
      feedbackWarmup: 5,
      feedbackScans: 100,
    },
    packVerify: { warmup: 10, samples: 150 },
    pack: { shiftOrders: 200 },
  },
  tiny: {
    name: 'tiny',
    commit: { demoParcels: 50, warmup: 2, samples: 10 },
    enqueue: { batchSize: 20, warmup: 1, samples: 3 },
    claim: { jobs: 30, rounds: 1, claimLimit: 10 },
    drain: {
      batched: { events: 200, batchSize: 20, requestsPerSecond: 200 },
      unbatched: { events: 20, requestsPerSecond: 200 },
    },
    readPaths: { delivered: 2_000, pending: 200, dead: 10, samples: 10 },
    memory: { pending: 500, sampleEveryMs: 20, runMs: 300, deliveries: 2_000, deliveryBatch: 10 },
    printing: { warmup: 1, samples: 3, queueJobs: 3 },
    recognise: { corpus: 100, rounds: 2, warmup: 1 },
    audit: {
      prefill: 100,
      warmup: 2,
      samples: 10,
      batchRows: 20,
      batches: 2,
      verifyRows: 2000,
      verifyRounds: 1,
    },
    coreProcess: { demoParcels: 50, warmup: 2, samples: 10 },
    qc: {
      parcels: 2000,
      returnOrders: 400,
      smallParcels: 1000,
      smallReturnOrders: 200,
      decisionWarmup: 1,
      decisionSamples: 4,
      lookupWarmup: 5,
      lookupSamples: 20,
      feedbackWarmup: 1,
      feedbackScans: 6,
    },
    packVerify: { warmup: 2, samples: 10 },
    pack: { shiftOrders: 5 },
  },
};
