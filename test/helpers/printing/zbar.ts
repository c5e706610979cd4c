import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Every barcode zbarimg (ZBar, a reader independent of the encoder and of zxing) finds in a PNG,
 * as `CODE-128:value` lines. No symbol found is an empty list, not an error.
 */
export async function zbarRead(png: Buffer): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-zbar-'));
  try {
    const file = path.join(dir, 'label.png');
    fs.writeFileSync(file, png);
    const { stdout } = await run('zbarimg', ['--quiet', file]).catch(
      (err: { code?: number; stdout?: string }) => {
        // zbarimg exits 4 when it finds nothing.
        if (err.code === 4) return { stdout: '' };
        throw err;
      },
    );
    return stdout.split('\n').filter((l) => l !== '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
