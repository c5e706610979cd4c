import { createHash, randomBytes } from 'node:crypto';
import type {
  BlobReader,
  ConnectorDeps,
  ConnectorState,
  UnknownCodeReport,
} from '../../../src/main/carriers/connector';
import type { TikTokShopConfigInput } from '../../../src/main/carriers/tiktok-shop/config';
import { tiktokShopConfigSchema } from '../../../src/main/carriers/tiktok-shop/config';
import { TikTokShopConnector, tiktokShopConnector } from '../../../src/main/carriers/tiktok-shop/definition';
import type { FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Clock } from '../../../src/main/clock';
import { silentLogger, type Logger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { fakeTikTokConfig } from '../../helpers/tiktok-account';

/** Connector state in memory, with TTLs on the injected clock (the lead's store persists it). */
export class MemoryConnectorState implements ConnectorState {
  readonly values = new Map<string, string>();
  private readonly remembered = new Map<string, number>();
  constructor(private readonly clock: Clock) {}
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  remember(key: string, ttlMs: number): boolean {
    const until = this.remembered.get(key);
    if (until !== undefined && until > this.clock.now()) return false;
    this.remembered.set(key, this.clock.now() + ttlMs);
    return true;
  }
}

/** Photo bytes by sha256, as the station's blob store hands them out. */
export class MemoryBlobs implements BlobReader {
  readonly reads: string[] = [];
  private readonly blobs = new Map<string, Uint8Array>();
  put(bytes: Uint8Array): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    this.blobs.set(hash, bytes);
    return hash;
  }
  async read(sha256: string): Promise<Uint8Array> {
    this.reads.push(sha256);
    const bytes = this.blobs.get(sha256);
    if (!bytes) throw new Error(`no blob ${sha256.slice(0, 12)}`);
    return bytes;
  }
}

/** A small PNG-looking blob: signature, IHDR with the size, random tail (distinct hashes). */
export function pngBytes(width: number, height: number): Uint8Array {
  const head = Buffer.alloc(24);
  head.writeUInt32BE(0x89504e47, 0);
  head.writeUInt32BE(0x0d0a1a0a, 4);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return new Uint8Array(Buffer.concat([head, randomBytes(64)]));
}

export interface Harness {
  connector: TikTokShopConnector;
  state: MemoryConnectorState;
  blobs: MemoryBlobs;
  unknown: UnknownCodeReport[];
  config: TikTokShopConfigInput;
}

/** The connector, built through its definition, pointed at the fake for both hosts. */
export function connectTo(
  fake: FakeTikTokShop,
  clock: Clock,
  options: {
    config?: Partial<TikTokShopConfigInput>;
    state?: MemoryConnectorState;
    blobs?: MemoryBlobs;
    logger?: Logger;
    name?: string;
  } = {},
): Harness {
  const state = options.state ?? new MemoryConnectorState(clock);
  const blobs = options.blobs ?? new MemoryBlobs();
  const unknown: UnknownCodeReport[] = [];
  const config: TikTokShopConfigInput = { ...fakeTikTokConfig(fake), ...options.config };
  const deps: ConnectorDeps = {
    clock,
    random: seededRandom(5),
    logger: options.logger ?? silentLogger,
    fetch: globalThis.fetch,
    state,
    blobs,
    onUnknownCode: (report) => unknown.push(report),
  };
  const connector = tiktokShopConnector.create(
    options.name ?? 'tiktok-th',
    tiktokShopConfigSchema.parse(config),
    deps,
  ) as TikTokShopConnector;
  return { connector, state, blobs, unknown, config };
}

export const never = new AbortController().signal;
