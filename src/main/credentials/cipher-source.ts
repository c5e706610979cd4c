import type { Random } from '../random';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import type { CipherSource } from './credential-store';

/**
 * The cipher made once and shared; a failure (no keyring answered yet) is not kept, so the next
 * use asks again rather than failing for the rest of the run.
 */
export function onceCipher(make: CipherSource): CipherSource {
  let made: ReturnType<CipherSource> | null = null;
  return () => {
    made ??= make().catch((error: unknown) => {
      made = null;
      throw error;
    });
    return made;
  };
}

/** A station without the OS store (station mode, the CLI, tests): the key file in its data folder. */
export function keyFileCipherSource(dataDir: string, random: Random): CipherSource {
  return onceCipher(() => Promise.resolve(new KeyFileCipher({ dataDir, random })));
}
