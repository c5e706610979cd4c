import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { Random } from '../random';

// Low cost on purpose: a PIN guards a station against a colleague, not against offline cracking.
const PARAMS = { N: 1024, r: 8, p: 1 } as const;

export function hashPin(pin: string, random: Random): string {
  const salt = Buffer.from(random.bytes(16));
  const hash = scryptSync(pin, salt, 32, PARAMS);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, PARAMS);
  return timingSafeEqual(expected, actual);
}
