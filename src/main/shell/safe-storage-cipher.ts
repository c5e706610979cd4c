import type { SafeStorage } from 'electron';
import {
  SecretStoreError,
  assertMayStore,
  type EncryptOptions,
  type SecretCipher,
} from '../secrets/secret-cipher';

export type AsyncSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/** Backends on Linux that do not protect anything: the key is built into Chromium. */
const WEAK_BACKENDS = new Set(['basic_text']);

/**
 * The operating system's secret store through Electron's safeStorage, asynchronous API only (the
 * synchronous one blocks the main process while a keyring answers). Windows: DPAPI; macOS:
 * Keychain; Linux: libsecret or KWallet — or `basic_text` when no keyring answers, which this
 * cipher reports as weak and refuses to store with unless the administrator confirmed.
 * Call after the app is ready (the backend is only known then).
 */
export async function createSafeStorageCipher(
  safeStorage: AsyncSafeStorage,
  platform: NodeJS.Platform,
): Promise<SecretCipher> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new SecretStoreError('SECRET_STORE_UNAVAILABLE', { backend: 'safeStorage', platform });
  }
  const backend = backendName(safeStorage, platform);
  const cipher: SecretCipher = {
    backend,
    weak: WEAK_BACKENDS.has(backend),
    async encrypt(plain: string, options?: EncryptOptions) {
      assertMayStore(cipher, options);
      return new Uint8Array(await safeStorage.encryptStringAsync(plain));
    },
    async decrypt(bytes: Uint8Array) {
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(bytes));
        return result;
      } catch (cause) {
        throw new SecretStoreError('SECRET_UNREADABLE', { backend }, { cause });
      }
    },
  };
  return cipher;
}

function backendName(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return platform;
}
