import { createHash } from 'node:crypto';

/**
 * J&T open platform request signature: the base64 of the raw MD5 bytes (not the hex) of the exact
 * bizContent string sent, followed by the private key. Sign the string you send; never re-serialise.
 */
export function jntDigest(bizContent: string, privateKey: string): string {
  return createHash('md5')
    .update(bizContent + privateKey, 'utf8')
    .digest('base64');
}
