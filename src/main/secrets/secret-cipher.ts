/**
 * How the core keeps carrier credentials and other secrets at rest, without knowing where the key
 * lives: the desktop app uses the operating system's store (Electron safeStorage, in the shell),
 * a headless station a key file in its data folder. The core never imports Electron.
 */
export interface SecretCipher {
  /** Where the key lives: 'dpapi', 'keychain', 'gnome_libsecret', 'kwallet5', 'basic_text', 'key-file', … */
  readonly backend: string;
  /**
   * True when the backend does not really protect the secret (Linux without a keyring:
   * `basic_text` uses a key built into Chromium). Carrier secrets are refused then unless an
   * administrator confirmed.
   */
  readonly weak: boolean;
  encrypt(plain: string, options?: EncryptOptions): Promise<Uint8Array>;
  decrypt(bytes: Uint8Array): Promise<string>;
}

export interface EncryptOptions {
  /** The administrator confirmed storing secrets although the backend is weak. */
  adminConfirmedWeakBackend?: boolean;
}

export type SecretErrorCode =
  /** The backend is weak and nobody confirmed using it. */
  | 'SECRET_STORE_WEAK'
  /** No usable backend (no keyring answered, key file unreadable or open to others). */
  | 'SECRET_STORE_UNAVAILABLE'
  /** The bytes are not something this cipher wrote with its key (tampered, another key). */
  | 'SECRET_UNREADABLE';

export class SecretStoreError extends Error {
  constructor(
    readonly code: SecretErrorCode,
    readonly params: Record<string, string | number | boolean | null> = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, options);
    this.name = 'SecretStoreError';
  }

  toJSON(): { code: SecretErrorCode; params: Record<string, string | number | boolean | null> } {
    return { code: this.code, params: this.params };
  }
}

/** The rule both ciphers share: a weak backend stores nothing unless an administrator said yes. */
export function assertMayStore(
  cipher: Pick<SecretCipher, 'backend' | 'weak'>,
  options?: EncryptOptions,
): void {
  if (cipher.weak && options?.adminConfirmedWeakBackend !== true) {
    throw new SecretStoreError('SECRET_STORE_WEAK', { backend: cipher.backend });
  }
}
