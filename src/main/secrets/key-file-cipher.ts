import { createCipheriv, createDecipheriv } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Random } from '../random';
import { SecretStoreError, assertMayStore, type EncryptOptions, type SecretCipher } from './secret-cipher';

export const KEY_FILE = 'secrets.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of every sealed value, so a later format can be told apart. */
const FORMAT_V1 = 1;
/** The key file: a magic line, then the raw key. */
const KEY_MAGIC = Buffer.from('LASTMILE-KEY-1\n', 'latin1');

export interface KeyFileCipherOptions {
  dataDir: string;
  random: Random;
  /** process.platform; on Windows mode bits mean nothing (the folder's ACL protects the file). */
  platform?: NodeJS.Platform;
}

/**
 * AES-256-GCM with a random key kept in the station's data folder, for headless stations (no OS
 * keyring). The key file is created owner-only (0600), and a key file that others may read is
 * refused rather than used: a secret sealed with a key everyone can read is not a secret.
 * Sealed value: [1][12-byte IV][16-byte tag][ciphertext]; the tag authenticates the rest.
 */
export class KeyFileCipher implements SecretCipher {
  readonly backend = 'key-file';
  readonly weak = false;
  private key: Buffer | null = null;

  constructor(private readonly options: KeyFileCipherOptions) {}

  get keyFile(): string {
    return path.join(this.options.dataDir, KEY_FILE);
  }

  async encrypt(plain: string, options?: EncryptOptions): Promise<Uint8Array> {
    assertMayStore(this, options);
    const key = this.loadKey(true);
    const iv = Buffer.from(this.options.random.bytes(IV_BYTES));
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Promise.resolve(
      new Uint8Array(Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), body])),
    );
  }

  async decrypt(bytes: Uint8Array): Promise<string> {
    const sealed = Buffer.from(bytes);
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) {
      throw new SecretStoreError('SECRET_UNREADABLE', { reason: 'format' });
    }
    const key = this.loadKey(false);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    try {
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      return Promise.resolve(plain.toString('utf8'));
    } catch (cause) {
      throw new SecretStoreError('SECRET_UNREADABLE', { reason: 'authentication' }, { cause });
    }
  }

  private loadKey(createIfMissing: boolean): Buffer {
    if (this.key) return this.key;
    const file = this.keyFile;
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unavailable(file, error);
      if (!createIfMissing)
        throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', { path: file, reason: 'no_key_file' });
      this.key = this.createKey(file);
      return this.key;
    }
    try {
      this.assertPrivate(fs.fstatSync(fd), file);
      const content = fs.readFileSync(fd);
      if (
        content.length !== KEY_MAGIC.length + KEY_BYTES ||
        !content.subarray(0, KEY_MAGIC.length).equals(KEY_MAGIC)
      ) {
        throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', { path: file, reason: 'not_a_key_file' });
      }
      this.key = Buffer.from(content.subarray(KEY_MAGIC.length));
      return this.key;
    } finally {
      fs.closeSync(fd);
    }
  }

  private createKey(file: string): Buffer {
    const key = Buffer.from(this.options.random.bytes(KEY_BYTES));
    if (key.length !== KEY_BYTES) throw new Error('random source gave a short key');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written under a temporary name, created owner-only from the start, then linked into place:
    // no moment where the key exists with wider permissions, and two processes racing keep one key.
    const temp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, Buffer.concat([KEY_MAGIC, key]));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      fs.unlinkSync(temp);
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.loadKey(false);
      throw unavailable(file, error);
    }
    fs.unlinkSync(temp);
    return key;
  }

  private assertPrivate(stat: fs.Stats, file: string): void {
    if (!stat.isFile())
      throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', { path: file, reason: 'not_a_file' });
    if ((this.options.platform ?? process.platform) === 'win32') return;
    if ((stat.mode & 0o077) !== 0) {
      throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', {
        path: file,
        reason: 'readable_by_others',
        mode: (stat.mode & 0o777).toString(8),
      });
    }
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
      throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', { path: file, reason: 'owned_by_another_user' });
    }
  }
}

function unavailable(file: string, error: unknown): SecretStoreError {
  return new SecretStoreError(
    'SECRET_STORE_UNAVAILABLE',
    { path: file, reason: (error as NodeJS.ErrnoException).code ?? 'UNKNOWN' },
    { cause: error },
  );
}
