import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cryptoRandom, seededRandom } from '../../../src/main/random';
import { KEY_FILE, KeyFileCipher } from '../../../src/main/secrets/key-file-cipher';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('the key-file cipher (headless stations)', () => {
  it('round-trips secrets with a random owner-only key it creates in the data folder', async () => {
    const dataDir = dirs.make();
    const cipher = new KeyFileCipher({ dataDir, random: cryptoRandom });
    const sealed = await cipher.encrypt('tiktok-app-secret-ÄÖ-秘密');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('tiktok-app-secret');
    expect(await cipher.decrypt(sealed)).toBe('tiktok-app-secret-ÄÖ-秘密');

    const stat = fs.statSync(path.join(dataDir, KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(15 + 32);
    // Another process (a new cipher) on the same folder reads it back with the same key.
    expect(await new KeyFileCipher({ dataDir, random: cryptoRandom }).decrypt(sealed)).toBe(
      'tiktok-app-secret-ÄÖ-秘密',
    );
    // No temporary key file is left behind.
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE]);
  });

  it('seals the same text differently each time (a fresh IV)', async () => {
    const cipher = new KeyFileCipher({ dataDir: dirs.make(), random: cryptoRandom });
    const a = Buffer.from(await cipher.encrypt('same'));
    const b = Buffer.from(await cipher.encrypt('same'));
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a tampered value, a truncated one, and one sealed with another key', async () => {
    const cipher = new KeyFileCipher({ dataDir: dirs.make(), random: cryptoRandom });
    const sealed = Buffer.from(await cipher.encrypt('carrier-api-key'));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    await expect(cipher.decrypt(flipped)).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    await expect(cipher.decrypt(sealed.subarray(0, 20))).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    const other = new KeyFileCipher({ dataDir: dirs.make(), random: seededRandom(3) });
    await other.encrypt('x');
    await expect(other.decrypt(sealed)).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE',
      params: { reason: 'authentication' },
    });
  });

  it('refuses a key file that others can read, and does not use it', async () => {
    const dataDir = dirs.make();
    const cipher = new KeyFileCipher({ dataDir, random: cryptoRandom });
    const sealed = await cipher.encrypt('secret');
    fs.chmodSync(path.join(dataDir, KEY_FILE), 0o644);
    const again = new KeyFileCipher({ dataDir, random: cryptoRandom });
    await expect(again.decrypt(sealed)).rejects.toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
      params: { reason: 'readable_by_others', mode: '644' },
    });
    await expect(again.encrypt('another')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
    fs.chmodSync(path.join(dataDir, KEY_FILE), 0o640);
    await expect(new KeyFileCipher({ dataDir, random: cryptoRandom }).decrypt(sealed)).rejects.toMatchObject({
      params: { reason: 'readable_by_others' },
    });
    // On Windows the folder's ACL protects the file; mode bits are not looked at.
    expect(
      await new KeyFileCipher({ dataDir, random: cryptoRandom, platform: 'win32' }).decrypt(sealed),
    ).toBe('secret');
  });

  it('refuses a key file that is not one (wrong size or content) instead of overwriting it', async () => {
    const dataDir = dirs.make();
    fs.writeFileSync(path.join(dataDir, KEY_FILE), 'hello', { mode: 0o600 });
    const cipher = new KeyFileCipher({ dataDir, random: cryptoRandom });
    await expect(cipher.encrypt('x')).rejects.toMatchObject({ params: { reason: 'not_a_key_file' } });
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8')).toBe('hello');
  });

  it('decrypting before any key exists says so rather than creating one', async () => {
    const dataDir = dirs.make();
    const cipher = new KeyFileCipher({ dataDir, random: cryptoRandom });
    await expect(cipher.decrypt(new Uint8Array(40).fill(1))).rejects.toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
      params: { reason: 'no_key_file' },
    });
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false);
  });
});
