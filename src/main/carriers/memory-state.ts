import type { Clock } from '../clock';
import type { ConnectorState } from './connector';

/**
 * ConnectorState kept in memory, with remembered keys expiring on the injected clock. For tests,
 * the demo and one-shot CLI runs; a station keeps its connectors' state in its database instead.
 */
export class MemoryConnectorState implements ConnectorState {
  private readonly values = new Map<string, string>();
  private readonly remembered = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  remember(key: string, ttlMs: number): boolean {
    const now = this.clock.now();
    const until = this.remembered.get(key);
    if (until !== undefined && until > now) return false;
    this.remembered.set(key, now + ttlMs);
    return true;
  }
}
