import { createHash } from 'node:crypto';

/**
 * Secrets a connection test was handed in exchange for values typed but not saved yet (TikTok
 * Shop rotates the refresh token on refresh, and the typed one stops working at once). The
 * screen keeps the value it typed and must never see the new one, so the new one stays here, in
 * the core's memory, keyed by account, field and a hash of the typed value: a later test or Save
 * that sends the same typed value gets the newest value instead. Nothing is written to disk: until
 * Save, a restart of the core loses it (the shop must then be authorised again), as it would
 * lose anything typed and not saved.
 *
 * Public API: new TestRotations().resolve() / put() / take() / dropAccount()
 */
export class TestRotations {
  private readonly rotated = new Map<string, string>();

  /** The value to use for what was typed: the newest it was exchanged for, else itself. */
  resolve(account: string, field: string, typed: string): string {
    return this.rotated.get(key(account, field, typed)) ?? typed;
  }

  /** A test exchanged `typed` (directly or through earlier exchanges) for `value`. */
  put(account: string, field: string, typed: string, value: string): void {
    this.rotated.set(key(account, field, typed), value);
  }

  /** resolve(), forgetting the exchange (Save took it). */
  take(account: string, field: string, typed: string): string {
    const k = key(account, field, typed);
    const value = this.rotated.get(k);
    this.rotated.delete(k);
    return value ?? typed;
  }

  /** Clearing an account forgets what its tests were handed. */
  dropAccount(account: string): void {
    const prefix = `${account}\u0000`;
    for (const k of [...this.rotated.keys()]) if (k.startsWith(prefix)) this.rotated.delete(k);
  }
}

function key(account: string, field: string, typed: string): string {
  return `${account}\u0000${field}\u0000${createHash('sha256').update(typed, 'utf8').digest('hex')}`;
}
