import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the OS temp dir, and the function that removes it (and everything in it). */
export function makeTempDir(prefix = 'lastmile-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Collects temp dirs made during a test file so one afterEach/afterAll removes them all. */
export class TempDirs {
  private readonly cleanups: (() => void)[] = [];

  make(prefix?: string): string {
    const { dir, cleanup } = makeTempDir(prefix);
    this.cleanups.push(cleanup);
    return dir;
  }

  cleanup(): void {
    for (const c of this.cleanups.splice(0)) c();
  }
}
