import path from 'node:path';
import { createCore } from '../../src/main/core';
import { CoreSupervisor } from '../../src/main/core-host/core-supervisor';
import { nodeHostSpawner } from '../../src/main/core-host/node-host-spawner';
import { seedDemo } from '../../src/main/demo/seed';
import { silentLogger } from '../../src/main/logger';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, summarize } from '../stats';
import { idle, scanCodes } from '../workload';

/**
 * What the trip to the core process adds to a clerk's wait: a scan (lookup, scan row and outbox
 * event, one durable commit) made through the CoreClient to a core in a child process, against
 * the same scan dispatched to a core in this process, on the same database, sample by sample so a
 * slow patch of disk hits both alike. And the bare round trip of a read that does almost nothing.
 */
export const coreProcessCall: BenchCase = {
  name: 'core-process-call',
  async run(ctx) {
    const { demoParcels, warmup, samples } = ctx.profile.coreProcess;
    const dataDir = path.join(caseDir(ctx, 'core-process'), 'station');
    const local = createCore({ dataDir, logger: silentLogger });
    ctx.log(`core process call: seeding ${demoParcels} demo parcels`);
    seedDemo(local.db, local.users, { seed: 20_251_201, parcels: demoParcels, now: Date.now() });
    const codes = scanCodes(local.db, 1000);
    const supervisor = new CoreSupervisor({
      spawner: nodeHostSpawner(),
      init: { dataDir, services: { syncTrickle: false, dailyBackups: false, printing: false } },
      logger: silentLogger,
    });
    try {
      await supervisor.start();
      let i = 0;
      const timed = async (
        dispatch: typeof local.dispatch,
        name: string,
        input: unknown,
      ): Promise<number> => {
        const start = process.hrtime.bigint();
        const envelope = await dispatch(name, input);
        const ms = msSince(start);
        if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code}`);
        return ms;
      };
      const scan = (dispatch: typeof local.dispatch): Promise<number> =>
        timed(dispatch, 'recordScan', { code: codes[i++ % codes.length], source: 'scanner' });

      ctx.log(`core process call: ${warmup} warm-up + ${samples} samples of each, interleaved`);
      for (let w = 0; w < warmup; w++) {
        await scan(supervisor.dispatch);
        await scan(local.dispatch);
      }
      const remoteScan: number[] = [];
      const localScan: number[] = [];
      const remoteRead: number[] = [];
      const localRead: number[] = [];
      for (let s = 0; s < samples; s++) {
        remoteScan.push(await scan(supervisor.dispatch));
        localScan.push(await scan(local.dispatch));
        remoteRead.push(await timed(supervisor.dispatch, 'getSession', {}));
        localRead.push(await timed(local.dispatch, 'getSession', {}));
        // Clerks scan every few seconds: let both cores' checkpoint timers run now and then.
        if (s % 25 === 24) await idle();
      }
      const remote = summarize(remoteScan);
      const inProcess = summarize(localScan);
      const remoteReads = summarize(remoteRead);
      const localReads = summarize(localRead);
      const baselineName = 'same call, core in this process';
      return [
        measurement({
          id: 'coreProcess.scanP50',
          name: 'scan through the core process p50',
          unit: 'ms',
          figure: remote.p50,
          baseline: { name: baselineName, value: inProcess.p50 },
          details: { remote, inProcess },
        }),
        measurement({
          id: 'coreProcess.scanP99',
          name: 'scan through the core process p99',
          unit: 'ms',
          figure: remote.p99,
          baseline: { name: baselineName, value: inProcess.p99 },
          details: { remote, inProcess },
        }),
        measurement({
          id: 'coreProcess.readP50',
          name: 'round trip of a trivial read p50',
          unit: 'ms',
          figure: remoteReads.p50,
          baseline: { name: baselineName, value: localReads.p50 },
          details: { remote: remoteReads, inProcess: localReads },
        }),
      ];
    } finally {
      await supervisor.stop();
      await local.close();
    }
  },
};
