import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageCipher } from '../../../src/main/shell/safe-storage-cipher';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

beforeEach(() => fake.reset());

describe('the safeStorage cipher (async API)', () => {
  it('on a Linux keyring: a strong backend that round-trips through encryptStringAsync/decryptStringAsync', async () => {
    fake.storageBackend = 'gnome_libsecret';
    const cipher = await createSafeStorageCipher(fake.module.safeStorage, 'linux');
    expect(cipher).toMatchObject({ backend: 'gnome_libsecret', weak: false });
    const sealed = await cipher.encrypt('ninjavan-client-secret');
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('ninjavan-client-secret');
    expect(await cipher.decrypt(sealed)).toBe('ninjavan-client-secret');
  });

  it('on basic_text: reports it, refuses carrier secrets unless the administrator confirmed', async () => {
    fake.storageBackend = 'basic_text';
    const cipher = await createSafeStorageCipher(fake.module.safeStorage, 'linux');
    expect(cipher).toMatchObject({ backend: 'basic_text', weak: true });
    await expect(cipher.encrypt('carrier-secret')).rejects.toMatchObject({
      code: 'SECRET_STORE_WEAK',
      params: { backend: 'basic_text' },
    });
    await expect(
      cipher.encrypt('carrier-secret', { adminConfirmedWeakBackend: false }),
    ).rejects.toMatchObject({
      code: 'SECRET_STORE_WEAK',
    });
    const sealed = await cipher.encrypt('carrier-secret', { adminConfirmedWeakBackend: true });
    expect(await cipher.decrypt(sealed)).toBe('carrier-secret');
  });

  it('names the OS store on Windows and macOS without asking for a Linux backend', async () => {
    fake.storageBackend = 'basic_text'; // would be wrong to read there
    expect(await createSafeStorageCipher(fake.module.safeStorage, 'win32')).toMatchObject({
      backend: 'dpapi',
      weak: false,
    });
    expect(await createSafeStorageCipher(fake.module.safeStorage, 'darwin')).toMatchObject({
      backend: 'keychain',
      weak: false,
    });
  });

  it('refuses to start without async encryption, and maps a failed decryption to SECRET_UNREADABLE', async () => {
    fake.asyncEncryptionAvailable = false;
    await expect(createSafeStorageCipher(fake.module.safeStorage, 'linux')).rejects.toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
    });
    fake.asyncEncryptionAvailable = true;
    const cipher = await createSafeStorageCipher(fake.module.safeStorage, 'linux');
    await expect(cipher.decrypt(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE',
    });
  });
});
