import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Issued certificate PDFs in the data folder, named by the SHA-256 of their bytes
 * (`certificates/<sha256>.pdf`), next to the photos: written once under a temporary name, flushed,
 * then linked into place, never overwritten — a crash leaves no file or the whole one.
 */
export class CertificateFiles {
  constructor(readonly dir: string) {}

  pathOf(pdfSha256: string): string {
    return path.join(this.dir, `${pdfSha256}.pdf`);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha = sha256Hex(bytes);
    const final = this.pathOf(sha);
    await fs.promises.mkdir(this.dir, { recursive: true });
    if (fs.existsSync(final)) return sha;
    const temp = path.join(this.dir, `.${sha}.${process.pid}.${Date.now()}.tmp`);
    const handle = await fs.promises.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.link(temp, final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await fs.promises.unlink(temp);
    }
    await syncDirectory(this.dir);
    return sha;
  }

  /** The issued bytes, or null when the file is gone or no longer has the hash it is named by. */
  async read(pdfSha256: string): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(this.pathOf(pdfSha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return sha256Hex(bytes) === pdfSha256 ? bytes : null;
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the file itself is flushed already.
  } finally {
    await handle?.close();
  }
}
