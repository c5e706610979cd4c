import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Random } from '../random';

/** The file in the data folder holding the station key (mode 0600, like the database beside it). */
export const TOKEN_FILE = 'station-token';
const TOKEN_BYTES = 24;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The station's key: every API call over HTTP must carry it. Kept in the data folder so a restart
 * does not break the tabs already open (the browser remembers it for the station's origin), made
 * once with 24 random bytes, and replaced only on purpose by an admin (`rotate`). Another process
 * may rotate it (`lastmile station --rotate-token`): the file is looked at again when it changes.
 */
export class StationToken {
  private cached: { token: string; stamp: string } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly random: Random,
  ) {}

  get file(): string {
    return path.join(this.dataDir, TOKEN_FILE);
  }

  /** The key now, made (and saved) on first use. */
  current(): string {
    const stamp = this.stamp();
    if (stamp !== null && this.cached?.stamp === stamp) return this.cached.token;
    const stored = stamp === null ? null : this.read();
    if (stored !== null) {
      this.cached = { token: stored, stamp: stamp ?? '' };
      return stored;
    }
    return this.write(this.make(), { replace: false });
  }

  /** A new key; the old one stops working at once, for every tab and at the next start. */
  rotate(): string {
    return this.write(this.make(), { replace: true });
  }

  /** Whether a presented key is the station's, compared in constant time. */
  matches(candidate: string): boolean {
    return sameSecret(candidate, this.current());
  }

  private make(): string {
    return Buffer.from(this.random.bytes(TOKEN_BYTES)).toString('base64url');
  }

  private read(): string | null {
    try {
      const text = fs.readFileSync(this.file, 'utf8').trim();
      return TOKEN_PATTERN.test(text) ? text : null;
    } catch {
      return null;
    }
  }

  private write(token: string, { replace }: { replace: boolean }): string {
    fs.mkdirSync(this.dataDir, { recursive: true });
    if (!replace) {
      // Two processes starting on one folder must end with one key: the first to create the file wins.
      try {
        fs.writeFileSync(this.file, `${token}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const theirs = this.read();
        if (theirs !== null) return this.remember(theirs);
        return this.write(token, { replace: true });
      }
      return this.remember(token);
    }
    // Write beside it and rename: a reader sees the old key or the new one, never half of one.
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${token}\n`, { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, this.file);
    return this.remember(token);
  }

  private remember(token: string): string {
    this.cached = { token, stamp: this.stamp() ?? '' };
    return token;
  }

  /** Changes whenever the file is replaced or rewritten. */
  private stamp(): string | null {
    try {
      const st = fs.statSync(this.file, { bigint: true });
      return `${st.ino}:${st.mtimeNs}:${st.size}`;
    } catch {
      return null;
    }
  }
}

/** Equal secrets, compared without leaking by timing how much of them matched. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
