import { AppError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import { SecretStoreError, type SecretCipher } from '../secrets/secret-cipher';
import type { KnownSecrets } from './known-secrets';
import type { AccountSecrets } from './secret-fields';

/** The station's cipher, made on first use (the OS store may only answer once the app is ready). */
export type CipherSource = () => Promise<SecretCipher>;

/** What may be said about a stored secret: never its value. */
export interface StoredSecretMeta {
  account: string;
  field: string;
  backend: string;
  lastFour: string | null;
  updatedAt: number;
  updatedBy: string;
}

/** Secrets at least this long may show their last four characters; shorter ones show nothing. */
export const LAST_FOUR_MIN_LENGTH = 16;

interface Row {
  account: string;
  field: string;
  sealed: Uint8Array;
  backend: string;
  last_four: string | null;
  updated_at: number;
  updated_by: string;
}

/**
 * Carrier account secrets in the station database, sealed by the SecretCipher and never kept in
 * plain text: the value sealed is bound to its account and field, so a sealed value copied to
 * another row does not open there. Every change is one transaction with its audit row (names of
 * the fields, never values). Values read back are registered with KnownSecrets so they are
 * redacted wherever they might surface.
 */
export class CredentialStore {
  private readonly selectAll;
  private readonly selectAccount;
  private readonly upsert;
  private readonly deleteField;
  private readonly deleteAccount;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: CipherSource,
    private readonly known: KnownSecrets,
    private readonly audit: AuditLog | null = null,
  ) {
    this.selectAll = db.prepare<[], Row>('SELECT * FROM carrier_credentials ORDER BY account, field');
    this.selectAccount = db.prepare<[string], Row>(
      'SELECT * FROM carrier_credentials WHERE account = ? ORDER BY field',
    );
    this.upsert = db.prepare<[string, string, Uint8Array, string, string | null, number, string]>(
      `INSERT INTO carrier_credentials (account, field, sealed, backend, last_four, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account, field) DO UPDATE SET sealed = excluded.sealed, backend = excluded.backend,
         last_four = excluded.last_four, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    this.deleteField = db.prepare<[string, string]>(
      'DELETE FROM carrier_credentials WHERE account = ? AND field = ?',
    );
    this.deleteAccount = db.prepare<[string]>('DELETE FROM carrier_credentials WHERE account = ?');
  }

  /** Every stored secret's description, by account then field. */
  list(): StoredSecretMeta[] {
    return this.selectAll.all().map(meta);
  }

  /**
   * Seals and stores the given fields of one account (the others stay as they are). All values are
   * sealed before anything is written: a cipher that refuses (weak backend not confirmed, no
   * keyring) leaves the stored secrets unchanged. `rotatedByConnector`: no user typed these, the
   * account's connector was handed them by the carrier (audited as such, with no user).
   */
  async set(
    account: string,
    secrets: AccountSecrets,
    by: string,
    options: { adminConfirmedWeakBackend?: boolean; rotatedByConnector?: boolean } = {},
  ): Promise<void> {
    const cipher = await this.cipherOrFail();
    const sealed: { field: string; bytes: Uint8Array; lastFour: string | null }[] = [];
    for (const [field, value] of Object.entries(secrets)) {
      this.known.add(value);
      const bytes = await translated(() =>
        cipher.encrypt(bind(account, field, value), {
          adminConfirmedWeakBackend: options.adminConfirmedWeakBackend === true,
        }),
      );
      sealed.push({ field, bytes, lastFour: lastFourOf(value) });
    }
    const now = this.clock.now();
    await writeTransaction(this.db, () => {
      for (const s of sealed) this.upsert.run(account, s.field, s.bytes, cipher.backend, s.lastFour, now, by);
      this.audit?.record({
        userId: options.rotatedByConnector ? null : by,
        action: options.rotatedByConnector ? 'credentials.rotated' : 'credentials.set',
        entityType: 'carrier_account',
        entityId: account,
        details: { fields: sealed.map((s) => s.field), backend: cipher.backend },
      });
    });
  }

  /** Removes the given fields of an account (all of them without `fields`); true if any was stored. */
  async clear(account: string, fields: readonly string[] | undefined, by: string): Promise<boolean> {
    return writeTransaction(this.db, () => {
      const removed = fields
        ? fields.reduce((n, f) => n + this.deleteField.run(account, f).changes, 0)
        : this.deleteAccount.run(account).changes;
      if (removed > 0) {
        this.audit?.record({
          userId: by,
          action: 'credentials.cleared',
          entityType: 'carrier_account',
          entityId: account,
          details: { fields: fields ? [...fields] : 'all' },
        });
      }
      return removed > 0;
    });
  }

  /** The account's stored secrets in plain text, for a connector in this process only. */
  async reveal(account: string): Promise<AccountSecrets> {
    const rows = this.selectAccount.all(account);
    if (rows.length === 0) return {};
    const cipher = await this.cipherOrFail();
    const out: Record<string, string> = {};
    for (const row of rows) out[row.field] = await this.open(cipher, row);
    return out;
  }

  /**
   * Every account's secrets, for the sync configuration. A value that cannot be opened (another
   * backend sealed it, the key file is gone) is left out and reported; the rest are returned.
   */
  async revealAll(): Promise<{
    secrets: Map<string, AccountSecrets>;
    problems: { account: string; field: string; code: string }[];
  }> {
    const rows = this.selectAll.all();
    const secrets = new Map<string, Record<string, string>>();
    const problems: { account: string; field: string; code: string }[] = [];
    if (rows.length === 0) return { secrets, problems };
    let cipher: SecretCipher;
    try {
      cipher = await this.cipherOrFail();
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'SECRET_STORE_UNAVAILABLE';
      return { secrets, problems: rows.map((r) => ({ account: r.account, field: r.field, code })) };
    }
    for (const row of rows) {
      try {
        const value = await this.open(cipher, row);
        secrets.set(row.account, { ...secrets.get(row.account), [row.field]: value });
      } catch (error) {
        problems.push({
          account: row.account,
          field: row.field,
          code: error instanceof AppError ? error.code : 'SECRET_UNREADABLE',
        });
      }
    }
    return { secrets, problems };
  }

  private async open(cipher: SecretCipher, row: Row): Promise<string> {
    if (row.backend !== cipher.backend) {
      throw new AppError('SECRET_UNREADABLE', {
        account: row.account,
        field: row.field,
        reason: 'other_backend',
        sealedBy: row.backend,
        backend: cipher.backend,
      });
    }
    const plain = await translated(() => cipher.decrypt(row.sealed), {
      account: row.account,
      field: row.field,
    });
    const value = unbind(row.account, row.field, plain);
    this.known.add(value);
    return value;
  }

  private async cipherOrFail(): Promise<SecretCipher> {
    return translated(() => this.cipher());
  }
}

function meta(row: Row): StoredSecretMeta {
  return {
    account: row.account,
    field: row.field,
    backend: row.backend,
    lastFour: row.last_four,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function lastFourOf(value: string): string | null {
  const chars = [...value];
  return chars.length >= LAST_FOUR_MIN_LENGTH ? chars.slice(-4).join('') : null;
}

/** The sealed text names its place, so a value moved to another account or field is refused. */
function bind(account: string, field: string, value: string): string {
  return JSON.stringify({ a: account, f: field, v: value });
}

function unbind(account: string, field: string, plain: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    parsed = null;
  }
  const p = parsed as { a?: unknown; f?: unknown; v?: unknown } | null;
  if (!p || p.a !== account || p.f !== field || typeof p.v !== 'string') {
    throw new AppError('SECRET_UNREADABLE', { account, field, reason: 'not_this_field' });
  }
  return p.v;
}

/** The cipher's own errors as contract errors (same codes), with where it happened. */
async function translated<T>(fn: () => Promise<T>, where: Record<string, string> = {}): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SecretStoreError) {
      throw new AppError(error.code, { ...error.params, ...where }, { cause: error });
    }
    if (isSecretErrorShape(error)) throw new AppError(error.code, { ...error.params, ...where });
    throw error;
  }
}

/** A SecretStoreError that crossed a process boundary arrives as its shape. */
function isSecretErrorShape(
  value: unknown,
): value is { code: SecretStoreError['code']; params: SecretStoreError['params'] } {
  const code = (value as { code?: unknown } | null)?.code;
  return (
    (code === 'SECRET_STORE_WEAK' || code === 'SECRET_STORE_UNAVAILABLE' || code === 'SECRET_UNREADABLE') &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}
