import type { CipherSource } from '../credentials/credential-store';
import {
  SecretStoreError,
  assertMayStore,
  type EncryptOptions,
  type SecretCipher,
} from '../secrets/secret-cipher';
import {
  PROTOCOL_VERSION,
  secretResultSchema,
  typeOf,
  type SecretAnswer,
  type SecretRequest,
} from './protocol';
import type { Wire } from './wire';

export interface ShellCipherOptions {
  /** How long one request may wait for the main process (a keyring may ask the user first). */
  timeoutMs?: number;
}

/**
 * The core host's SecretCipher in the desktop app: safeStorage exists only in Electron's main
 * process, so every seal and unseal is a `secret` request to it over the host protocol. The
 * backend (and whether it is weak) is asked once, on first use. The plain text crosses only this
 * channel between two processes of the app, never a screen.
 */
export function shellCipherSource(wire: Wire, options: ShellCipherOptions = {}): CipherSource {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pending = new Map<
    number,
    { resolve: (a: SecretAnswer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  let nextId = 1;

  wire.onMessage((raw) => {
    if (typeOf(raw) !== 'secret-result') return;
    const parsed = secretResultSchema.safeParse(raw);
    if (!parsed.success) return;
    const p = pending.get(parsed.data.id);
    if (!p) return;
    pending.delete(parsed.data.id);
    clearTimeout(p.timer);
    p.resolve(parsed.data.answer);
  });
  wire.onClose(() => {
    for (const [id, p] of pending) {
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(unavailable('main_process_gone'));
    }
  });

  const ask = (request: SecretRequest): Promise<SecretAnswer> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(unavailable('os_store_timeout'));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (!wire.send({ v: PROTOCOL_VERSION, t: 'secret', id, request })) {
        pending.delete(id);
        clearTimeout(timer);
        reject(unavailable('main_process_gone'));
      }
    });

  const expect = async <Op extends SecretRequest['op']>(
    request: SecretRequest & { op: Op },
  ): Promise<Extract<SecretAnswer, { ok: true; op: Op }>> => {
    const answer = await ask(request);
    if (!answer.ok) throw new SecretStoreError(answer.error.code, answer.error.params);
    if (answer.op !== request.op) throw unavailable('wrong_answer');
    return answer as Extract<SecretAnswer, { ok: true; op: Op }>;
  };

  let described: Promise<SecretCipher> | null = null;
  return () => {
    described ??= expect({ op: 'describe' }).then(
      ({ backend, weak }): SecretCipher => {
        const cipher: SecretCipher = {
          backend,
          weak,
          async encrypt(plain: string, encryptOptions?: EncryptOptions) {
            // The shell checks this too; refusing here keeps the plain text in this process.
            assertMayStore(cipher, encryptOptions);
            const answer = await expect({
              op: 'seal',
              plain,
              adminConfirmedWeakBackend: encryptOptions?.adminConfirmedWeakBackend === true,
            });
            return answer.sealed;
          },
          async decrypt(sealed: Uint8Array) {
            return (await expect({ op: 'unseal', sealed })).plain;
          },
        };
        return cipher;
      },
      (error: unknown) => {
        described = null;
        throw error;
      },
    );
    return described;
  };
}

function unavailable(reason: string): SecretStoreError {
  return new SecretStoreError('SECRET_STORE_UNAVAILABLE', { reason });
}
