import type { Logger } from '../logger';
import { SecretStoreError, type SecretCipher } from '../secrets/secret-cipher';
import type { SecretAnswer, SecretRequest } from './protocol';

/**
 * The main process's side of `secret`: the core host asks, the OS secret store (the shell's
 * safeStorage cipher) answers. A process without one answers SECRET_STORE_UNAVAILABLE, so a host
 * told to ask the shell by mistake fails clearly instead of waiting.
 */
export async function answerSecretRequest(
  request: SecretRequest,
  cipher: (() => Promise<SecretCipher>) | undefined,
  logger: Logger,
): Promise<SecretAnswer> {
  if (!cipher) {
    return { ok: false, error: { code: 'SECRET_STORE_UNAVAILABLE', params: { reason: 'no_os_store' } } };
  }
  try {
    const c = await cipher();
    switch (request.op) {
      case 'describe':
        return { ok: true, op: 'describe', backend: c.backend, weak: c.weak };
      case 'seal':
        return {
          ok: true,
          op: 'seal',
          sealed: await c.encrypt(request.plain, {
            adminConfirmedWeakBackend: request.adminConfirmedWeakBackend,
          }),
        };
      case 'unseal':
        return { ok: true, op: 'unseal', plain: await c.decrypt(request.sealed) };
    }
  } catch (error) {
    if (error instanceof SecretStoreError) return { ok: false, error: error.toJSON() };
    // Never the error's message: it could quote what was being sealed.
    logger.error('the OS secret store failed', {
      op: request.op,
      name: (error as Error | null)?.name ?? null,
    });
    return { ok: false, error: { code: 'SECRET_STORE_UNAVAILABLE', params: { reason: 'os_store_failed' } } };
  }
}
