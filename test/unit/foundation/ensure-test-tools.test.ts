import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTestTools } from '../../../scripts/ensure-test-tools.mjs';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

/** A PATH holding only the named executables (empty scripts), so the lookup sees exactly them. */
function pathWith(names: readonly string[]): string {
  const dir = temps.make();
  for (const name of names) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('the PDF and barcode tools the tests read back with', () => {
  it('names the one package to install when a tool is missing and installing is not allowed', () => {
    const env = { PATH: pathWith(['pdftotext', 'pdfinfo']) };
    expect(() => ensureTestTools({ env, allowInstall: false, log: () => {} })).toThrow(
      /^the tests read PDFs back with pdftotext, pdftoppm, pdfinfo, zbarimg: install them \(Debian\/Ubuntu: apt-get install -y poppler-utils zbar-tools\)$/,
    );
  });

  it('is satisfied when every tool is on PATH', () => {
    const env = { PATH: pathWith(['pdftotext', 'pdftoppm', 'pdfinfo', 'zbarimg']) };
    expect(() => ensureTestTools({ env, allowInstall: false, log: () => {} })).not.toThrow();
  });
});
