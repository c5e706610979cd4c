import { startJntFake, type JntFake } from '../../../src/main/carriers/jnt-express/fake-server';
import { startNinjaVanFake, type NinjaVanFake } from '../../../src/main/carriers/ninja-van/fake-server';
import type { Core } from '../../../src/main/core';
import { attachSync } from '../../../src/main/sync/attach-sync';
import { makeTestCore, recordingLogger } from '../core-factory';
import { FakePrinter } from '../printing/fake-printer';
import { readyPackPrinter } from './pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
export const MY_T0 = Date.UTC(2026, 0, 15, 8, 0);

export const MY_SENDER = {
  name: 'Acme Fulfilment',
  phone: '+60355101234',
  address1: 'Lot 5, Jalan Perusahaan 2',
  city: 'Shah Alam',
  region: 'Selangor',
  postcode: '40000',
  country: 'MY',
};

/**
 * A Malaysian pack station whose Ninja Van and J&T lines are real connector accounts (nothing
 * injected): sync builds them, they book over HTTP on 127.0.0.1 with the Ninja Van fake (OAuth
 * bearer checked by the fake) and the J&T fake (digest checked by the fake), and the station's own
 * delivery engine trickles their outbox. Labels go to a TCP printer sink. Routes are the test's.
 */
export async function carrierLineStation(
  dir: string,
  cleanups: Array<() => Promise<void> | void>,
  supervisor: { clientId: string },
  options: { jntKey?: string; bookingTimeoutMs: number; requestTimeoutMs: number; idleRecheckMs: number },
): Promise<{
  core: Core;
  clock: ReturnType<typeof makeTestCore>['clock'];
  printer: FakePrinter;
  nv: NinjaVanFake;
  jnt: JntFake;
  logger: ReturnType<typeof recordingLogger>;
}> {
  const logger = recordingLogger();
  const printer = await FakePrinter.start();
  const { core, clock } = makeTestCore(dir, {
    now: MY_T0,
    logger,
    printing: { backoff: { baseMs: 20, capMs: 100 } },
    packing: { timeZone: 'Asia/Kuala_Lumpur', labelRetryMs: 0, bookingTimeoutMs: options.bookingTimeoutMs },
  });
  const nv = await startNinjaVanFake({ clock });
  const jnt = await startJntFake({ clock });
  cleanups.push(
    () => printer.close(),
    () => nv.close(),
    () => jnt.close(),
    () => core.close(),
  );
  const limits = {
    requestsPerSecond: 100,
    burst: 20,
    maxConcurrency: 2,
    requestTimeoutMs: options.requestTimeoutMs,
  };
  attachSync(core, {
    startTrickle: true,
    engine: { idleRecheckMs: options.idleRecheckMs },
    destinations: [
      {
        name: 'ninjavan-my',
        kind: 'ninja-van',
        clientId: 'fake-client',
        clientSecret: 'fake-secret',
        country: 'my',
        baseUrl: nv.baseUrl,
        sender: MY_SENDER,
        limits,
      },
      {
        name: 'jnt-my',
        kind: 'jnt-express',
        apiAccount: '640826271705595946',
        privateKey: options.jntKey ?? 'fake-private-key',
        customerCode: 'ITTEST0001',
        password: 'fake-password',
        baseUrl: jnt.baseUrl,
        sender: MY_SENDER,
        limits,
      },
    ],
  });
  await readyPackPrinter(core, supervisor, printer.address);
  return { core, clock, printer, nv, jnt, logger };
}
