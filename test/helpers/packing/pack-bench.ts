import type { TikTokShopConnector } from '../../../src/main/carriers/tiktok-shop/definition';
import type { Clock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { DeliveryEngine } from '../../../src/main/sync/delivery-engine';
import type { AppErrorShape } from '../../../src/shared/errors';
import { signInSupervisor } from '../session';

/**
 * The pack bench every packing integration test starts from: the printing worker ready, a
 * supervisor signed in on `supervisor`'s client, and one 100 × 150 mm ZPL label printer at
 * `printerAddress` that prints the shipping label and the packing slip (or `templates`).
 */
export async function readyPackPrinter(
  core: Core,
  supervisor: { clientId: string },
  printerAddress: string,
  templates: readonly string[] = ['shipping-label', 'packing-slip'],
): Promise<void> {
  await core.printing.ready();
  await signInSupervisor(core, supervisor.clientId);
  const env = await core.dispatch(
    'savePrinter',
    {
      profile: {
        id: 'pack-zebra',
        name: 'Pack-Zebra',
        language: 'zpl',
        model: 'Zebra ZD421',
        interface: printerAddress,
        media: { widthMm: 100, heightMm: 150 },
        dpi: 203,
        fonts: [{ id: '0', scripts: ['latin'] }],
        templates,
      },
    },
    supervisor,
  );
  if (!env.ok) throw new Error(`savePrinter: ${JSON.stringify(env.error)}`);
}

/** Box S2, the one preset the packing tests weigh with. */
export async function saveSmallBox(core: Core): Promise<void> {
  await core.packing.boxes.save({
    code: 'S2',
    name: 'Small box',
    innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
    tareGrams: 120,
  });
}

/**
 * The contract calls a packing test makes: `call` as anyone, `pack` as the bench with a fresh
 * client action id, `refused` for a call that must be refused (its error answered).
 */
export function benchCalls(bench: { clientId: string }, prefix = 'act') {
  let actions = 0;
  const id = (): string => `${prefix}-${String(++actions).padStart(8, '0')}`;
  async function call<T = never>(
    core: Core,
    name: string,
    who: { clientId: string },
    input: Record<string, unknown>,
  ): Promise<T> {
    const env = await core.dispatch(name, input, who);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.value as T;
  }
  function pack<T = never>(core: Core, name: string, input: Record<string, unknown> = {}): Promise<T> {
    return call<T>(core, name, bench, { clientActionId: id(), ...input });
  }
  async function refused(
    core: Core,
    name: string,
    input: Record<string, unknown> = {},
  ): Promise<AppErrorShape> {
    const env = await core.dispatch(name, { clientActionId: id(), ...input }, bench);
    if (env.ok) throw new Error(`${name} was not refused`);
    return env.error;
  }
  return { id, call, pack, refused };
}

/** Pulls TikTok Shop orders from `cursor` to the last page into the bench's order store; answers the new cursor. */
export async function pullOrdersInto(
  core: Core,
  orders: TikTokShopConnector['orders'],
  cursor: string | null,
): Promise<string | null> {
  const signal = new AbortController().signal;
  for (;;) {
    const page = await orders.pull(cursor, signal);
    await writeTransaction(core.db, () => page.items.map((o) => core.packing.orders.upsertIn(core.db, o)));
    cursor = page.nextCursor;
    if (!page.hasMore) return cursor;
  }
}

/** The real delivery engine, sending a packing test's outbox to the fake platform quickly. */
export function packDeliveryEngine(
  core: Core,
  clock: Clock,
  destination: TikTokShopConnector['destination'],
): DeliveryEngine {
  return new DeliveryEngine({
    db: core.db,
    clock,
    random: seededRandom(4),
    destinations: [destination],
    logger: silentLogger,
    leaseMs: 5_000,
    backoff: { baseMs: 5, capMs: 40 },
    breaker: { failureThreshold: 50, cooldownMs: 20, maxCooldownMs: 40 },
    maxMalformed: 3,
  });
}
