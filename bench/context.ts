import fs from 'node:fs';
import path from 'node:path';
import type { Measurement } from './measurement';
import type { Profile } from './profile';

export interface BenchContext {
  profile: Profile;
  /** Every case works under here, on the same file system, and the runner removes it. */
  tempRoot: string;
  /** Progress goes to stderr: with --json, stdout carries nothing but the JSON object. */
  log(message: string): void;
}

export interface BenchCase {
  name: string;
  run(ctx: BenchContext): Promise<Measurement[]>;
}

/** A fresh directory for one case (or one round of it). */
export function caseDir(ctx: BenchContext, name: string): string {
  return fs.mkdtempSync(path.join(ctx.tempRoot, `${name}-`));
}
