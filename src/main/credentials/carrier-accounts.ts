import path from 'node:path';
import type {
  CarrierAccount,
  CarrierAccounts as CarrierAccountsView,
  ConnectionCheckView,
  SecretStorage,
} from '../../shared/calls/credentials';
import { AppError } from '../../shared/errors';
import type { ConnectionCheck } from '../carriers/connector';
import { MemoryConnectorState } from '../carriers/memory-state';
import { buildConnector, getConnector, isConnectorKind, storedDestinationSchema } from '../carriers/registry';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Random } from '../random';
import type { SettingsStore } from '../settings/settings-store';
import { SYNC_CONFIG_KEY } from '../sync/attach-sync';
import type { DestinationLimits } from '../sync/destination';
import { RATE_LIMITS_FILE, SharedRateLimits } from '../sync/shared-rate-limits';
import type { CipherSource, CredentialStore } from './credential-store';
import type { KnownSecrets } from './known-secrets';
import {
  fillDestinationSecrets,
  fillSyncConfigSecrets,
  hasInline,
  secretFieldsOf,
  type AccountSecrets,
} from './secret-fields';
import { TestRotations } from './test-rotations';

export interface CarrierAccountsOptions {
  store: CredentialStore;
  cipher: CipherSource;
  known: KnownSecrets;
  settings: SettingsStore;
  clock: Clock;
  random: Random;
  logger: Logger;
  dataDir: string;
  nativeBinding?: string | undefined;
  /** The network a connection test uses; default the global fetch. */
  fetch?: typeof fetch;
  /** Longest a connection test may take in all. */
  testTimeoutMs?: number;
  /** A user's name for the screen (who changed a secret); the audit log keeps the id. */
  userName?: (id: string) => string | null;
}

/** `updated_by` of a secret the connector wrote back (no user typed it). */
export const WRITTEN_BACK_BY = 'connector';

/** A configured destination as the stored sync configuration holds it (raw JSON). */
interface ConfiguredDestination {
  name: string;
  kind: string;
  raw: Record<string, unknown>;
}

/**
 * The carrier and platform accounts of a station as the administrator manages them: the
 * destinations of the stored sync configuration, each with the secret fields its connector
 * declares, stored through the CredentialStore. Nothing here returns a secret to a caller outside
 * this process: the views carry "set" and at most the last four characters, the connection test
 * a reason and a redacted line.
 *
 * Public API: list(), set(), clear(), test(), syncConfigFiller(), writeBack(), onChange(listener).
 */
export class CarrierAccounts {
  private readonly listeners = new Set<(account: string) => void>();
  /** What connection tests of typed, unsaved values were handed in exchange (rotated tokens). */
  private readonly rotations = new TestRotations();

  constructor(private readonly options: CarrierAccountsOptions) {}

  /**
   * Called after an account's stored secrets changed (set or cleared), so what runs with the old
   * ones (the sync engine) can take the new ones; returns the unsubscribe function.
   */
  onChange(listener: (account: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(account: string): void {
    for (const listener of this.listeners) {
      try {
        listener(account);
      } catch (err) {
        this.options.logger.error('a credentials listener failed', { account, error: err });
      }
    }
  }

  /** The cipher as the screen should know it: which backend, weak or not, available at all. */
  async storage(): Promise<SecretStorage> {
    try {
      const cipher = await this.options.cipher();
      return { backend: cipher.backend, weak: cipher.weak, available: true };
    } catch {
      return { backend: null, weak: false, available: false };
    }
  }

  async list(): Promise<CarrierAccountsView> {
    const stored = this.options.store.list();
    const configured = this.configured();
    const names = new Set(configured.map((d) => d.name));
    const accounts: CarrierAccount[] = configured.map((d) => this.view(d.name, d.kind, stored));
    // Secrets left behind by a destination no longer configured: listed so they can be cleared.
    for (const account of new Set(stored.map((s) => s.account))) {
      if (!names.has(account)) accounts.push(this.view(account, '', stored));
    }
    return { storage: await this.storage(), accounts };
  }

  async set(
    account: string,
    secrets: AccountSecrets,
    by: string,
    confirmWeakStorage: boolean,
  ): Promise<CarrierAccount> {
    const destination = this.destination(account);
    this.checkFields(destination, Object.keys(secrets));
    // A value a connection test already exchanged is dead at the carrier: what it got is stored.
    const renewed: string[] = [];
    const storing: Record<string, string> = {};
    for (const [field, typed] of Object.entries(secrets)) {
      storing[field] = this.rotations.resolve(account, field, typed);
      if (storing[field] !== typed) renewed.push(field);
    }
    await this.options.store.set(account, storing, by, { adminConfirmedWeakBackend: confirmWeakStorage });
    for (const [field, typed] of Object.entries(secrets)) this.rotations.take(account, field, typed);
    this.options.logger.info('carrier credentials stored', {
      account,
      fields: Object.keys(secrets),
      by,
      ...(renewed.length > 0 ? { renewedByTest: renewed } : {}),
    });
    this.changed(account);
    return this.view(account, destination.kind, this.options.store.list());
  }

  /**
   * A secret the account's connector was handed in exchange for the stored one (TikTok Shop's
   * rotated refresh token), sealed in its place. Only over a value the store holds (an inline
   * value in the configuration wins anyway) and with the backend the admin chose for it. Fires no
   * onChange: the connector that got it already uses it, and a rebuild would start from the same
   * tokens. Answers whether it was stored.
   */
  async writeBack(account: string, field: string, value: string): Promise<boolean> {
    const stored = this.options.store.list().find((s) => s.account === account && s.field === field);
    if (!stored) return false;
    const cipher = await this.options.cipher();
    await this.options.store.set(account, { [field]: value }, WRITTEN_BACK_BY, {
      adminConfirmedWeakBackend: cipher.backend === stored.backend,
      rotatedByConnector: true,
    });
    this.options.logger.info('a rotated carrier secret was stored', { account, field });
    return true;
  }

  async clear(account: string, fields: readonly string[] | undefined, by: string): Promise<CarrierAccount> {
    const configured = this.configured().find((d) => d.name === account);
    const stored = this.options.store.list();
    if (!configured && !stored.some((s) => s.account === account)) {
      throw new AppError('CARRIER_ACCOUNT_UNKNOWN', { account });
    }
    if (fields && configured) this.checkFields(configured, fields);
    this.rotations.dropAccount(account);
    const removed = await this.options.store.clear(account, fields, by);
    if (removed) {
      this.options.logger.info('carrier credentials cleared', { account, fields: fields ?? 'all', by });
      this.changed(account);
    }
    return this.view(account, configured?.kind ?? '', this.options.store.list());
  }

  /**
   * Runs the connector's cheapest authenticated call with the stored secrets, or with `typed`
   * in their place (the values typed but not saved yet). Answers with a reason a screen
   * translates; never throws for what the carrier says. A stored secret the carrier rotates is
   * written back to the store; a typed one is kept in memory for that typed value (TestRotations),
   * so the next test or Save of the same typed value uses the new one, and the answer names the
   * field in `renewed` — the screen never sees either value.
   */
  async test(account: string, typed: AccountSecrets | undefined): Promise<ConnectionCheckView> {
    const destination = this.destination(account);
    const checkedAt = this.options.clock.now();
    let trying: AccountSecrets | undefined;
    if (typed) {
      this.checkFields(destination, Object.keys(typed));
      const resolved: Record<string, string> = {};
      for (const [field, value] of Object.entries(typed)) {
        resolved[field] = this.rotations.resolve(account, field, value);
        this.options.known.add(value);
      }
      trying = resolved;
    }
    const renewed = new Set<string>();
    const answer = (view: ConnectionCheckView) =>
      this.answer(account, renewed.size > 0 ? { ...view, renewed: [...renewed] } : view);
    // Values typed for every field need nothing stored (which may not even open on this PC).
    const covered = secretFieldsOf(destination.kind).every((f) => trying?.[f] !== undefined);
    const stored = covered ? {} : await this.options.store.reveal(account);
    // Values being tried replace inline and stored ones alike; otherwise inline wins, as in sync.
    let raw: unknown = destination.raw;
    if (trying) {
      for (const field of Object.keys(trying)) raw = removeAt(raw, field);
    }
    raw = fillDestinationSecrets(raw, { ...stored, ...trying });
    const parsed = storedDestinationSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      const missing = secretFieldsOf(destination.kind).includes(field) && !hasInline(raw, field);
      return this.answer(account, {
        ok: false,
        reason: missing ? 'missing_secret' : 'config',
        detail: missing ? `no ${field} is stored for ${account}` : `${field}: ${issue?.message ?? 'invalid'}`,
        field: field || null,
        seconds: null,
        checkedAt,
      });
    }
    const limits = (parsed.data as { limits?: DestinationLimits }).limits;
    const rateLimits = new SharedRateLimits(
      path.join(this.options.dataDir, RATE_LIMITS_FILE),
      this.options.clock,
      this.options.nativeBinding,
    );
    let instance: ReturnType<typeof buildConnector> | null = null;
    try {
      instance = buildConnector(parsed.data, {
        clock: this.options.clock,
        random: this.options.random,
        logger: this.options.logger,
        fetch: this.options.fetch ?? globalThis.fetch,
        state: new MemoryConnectorState(this.options.clock),
        // The check's refresh may rotate the token (the old one then stops working). A stored one
        // is replaced in the store and the running sync, whose state holds the old one, rebuilt;
        // a typed one is kept for the Save of that typed value.
        writeBackSecret: async (field, value) => {
          this.options.known.add(value);
          const typedValue = typed?.[field];
          if (typedValue !== undefined) {
            this.rotations.put(account, field, typedValue, value);
            renewed.add(field);
            // Typed again as it is stored: the stored one died with it, so the store takes the new one.
            const current = await this.options.store.reveal(account).catch(() => ({}) as AccountSecrets);
            if (current[field] === typedValue && (await this.writeBack(account, field, value))) {
              this.changed(account);
            }
            return;
          }
          if (await this.writeBack(account, field, value)) this.changed(account);
        },
        // The account's one budget, shared with the delivery engine and other processes.
        ...(limits
          ? {
              budget: rateLimits.budgets(account, {
                ratePerSecond: limits.requestsPerSecond,
                burst: limits.burst,
              }),
            }
          : {}),
      });
      const check = await instance.testConnection(AbortSignal.timeout(this.options.testTimeoutMs ?? 60_000));
      return answer(toView(check, checkedAt));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return answer({
        ok: false,
        reason: 'other',
        detail: message,
        field: null,
        seconds: null,
        checkedAt,
      });
    } finally {
      instance?.close();
      rateLimits.close();
    }
  }

  /**
   * The function the sync configuration is read through: fills every destination's missing
   * secrets from the store. Decrypts once, now (the OS store answers asynchronously); a value
   * that cannot be read is logged by account and field and left out, so the configuration's
   * schema says which destination lacks what.
   */
  async syncConfigFiller(): Promise<(raw: unknown) => unknown> {
    const { secrets, problems } = await this.options.store.revealAll();
    for (const p of problems) {
      this.options.logger.warn('a stored carrier secret cannot be read; that destination lacks it', p);
    }
    return (raw) => fillSyncConfigSecrets(raw, secrets);
  }

  private answer(account: string, view: ConnectionCheckView): ConnectionCheckView {
    const redacted = { ...view, detail: this.options.known.redact(view.detail).slice(0, 500) };
    this.options.logger.info('carrier connection tested', {
      account,
      ok: redacted.ok,
      reason: redacted.reason,
      detail: redacted.detail,
    });
    return redacted;
  }

  private configured(): ConfiguredDestination[] {
    let raw: unknown;
    try {
      raw = this.options.settings.getRaw(SYNC_CONFIG_KEY);
    } catch {
      return [];
    }
    const list = (raw as { destinations?: unknown } | undefined)?.destinations;
    if (!Array.isArray(list)) return [];
    const out: ConfiguredDestination[] = [];
    for (const d of list as unknown[]) {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) continue;
      const { name, kind } = d as { name?: unknown; kind?: unknown };
      if (typeof name === 'string' && typeof kind === 'string' && !out.some((o) => o.name === name)) {
        out.push({ name, kind, raw: d as Record<string, unknown> });
      }
    }
    return out;
  }

  private destination(account: string): ConfiguredDestination {
    const found = this.configured().find((d) => d.name === account);
    if (!found || !isConnectorKind(found.kind)) throw new AppError('CARRIER_ACCOUNT_UNKNOWN', { account });
    return found;
  }

  private checkFields(destination: ConfiguredDestination, fields: readonly string[]): void {
    const known = secretFieldsOf(destination.kind);
    for (const field of fields) {
      if (!known.includes(field)) {
        throw new AppError('CREDENTIAL_FIELD_UNKNOWN', {
          account: destination.name,
          field,
          fields: known.join(', '),
        });
      }
    }
  }

  private view(account: string, kind: string, stored: ReturnType<CredentialStore['list']>): CarrierAccount {
    const known = isConnectorKind(kind);
    const mine = stored.filter((s) => s.account === account);
    const fields = known ? [...secretFieldsOf(kind)] : mine.map((s) => s.field);
    return {
      account,
      kind,
      displayName: known ? getConnector(kind).displayName : account,
      known,
      secrets: fields.map((field) => {
        const s = mine.find((m) => m.field === field);
        return {
          field,
          set: s !== undefined,
          lastFour: s?.lastFour ?? null,
          updatedAt: s?.updatedAt ?? null,
          updatedBy: s ? (this.options.userName?.(s.updatedBy) ?? s.updatedBy) : null,
        };
      }),
    };
  }
}

function toView(check: ConnectionCheck, checkedAt: number): ConnectionCheckView {
  return {
    ok: check.ok,
    reason: check.ok ? 'ok' : (check.reason ?? 'other'),
    detail: check.detail,
    field: null,
    seconds:
      check.reason === 'timeout' && check.timeoutMs !== undefined ? Math.ceil(check.timeoutMs / 1000) : null,
    checkedAt,
  };
}

/** A copy without the value at the dotted path. */
function removeAt(config: unknown, dotted: string): unknown {
  if (config === null || typeof config !== 'object') return config;
  const copy = structuredClone(config) as Record<string, unknown>;
  const keys = dotted.split('.');
  let at: Record<string, unknown> | undefined = copy;
  for (const key of keys.slice(0, -1)) {
    const next: unknown = at?.[key];
    at = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
  }
  if (at) delete at[keys[keys.length - 1]!];
  return copy;
}
