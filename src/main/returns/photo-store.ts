import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { AppError } from '../../shared/errors';
import { MAX_PHOTO_BYTES, type PhotoMimeType } from '../../shared/returns/qc-codes';
import type { PhotoRef } from '../../shared/returns/qc-views';
import type { BlobReader } from '../carriers/connector';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

const MIME_OF: Record<string, PhotoMimeType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

const INSERT_PHOTO = `INSERT INTO qc_photos (sha256, mime_type, width, height, bytes, stored_by, stored_at)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`;

interface PhotoRow {
  sha256: string;
  mime_type: PhotoMimeType;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Photos in the data folder under their SHA-256 (`photos/ab/ab12…`), content-addressed: the same
 * bytes are one file, a file is never overwritten, and the database refers to photos by hash only.
 * A file is written to a temporary name, flushed, then linked into place — a crash leaves either
 * no photo or a whole one. It is also the blob reader the platform connectors upload from.
 */
export class PhotoStore implements BlobReader {
  private readonly byHash;
  private readonly insert;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    private readonly clock: Clock,
  ) {
    this.byHash = db.prepare<[string], PhotoRow>(
      'SELECT sha256, mime_type, width, height, bytes FROM qc_photos WHERE sha256 = ?',
    );
    this.insert = db.prepare(INSERT_PHOTO);
  }

  /** Checks that `bytes` are a JPEG, PNG or WebP image of sane size, stores them, answers the reference. */
  async put(bytes: Uint8Array, storedBy: string): Promise<PhotoRef> {
    const ref = await this.writeOnce(bytes);
    await writeTransaction(this.db, () => this.recordIn(this.db, ref, storedBy));
    return ref;
  }

  /**
   * The checks and the file only, outside any transaction (an fsync must not hold the database's
   * write lock); `recordIn` then adds the row in the caller's transaction.
   */
  async writeOnce(
    bytes: Uint8Array,
    accept: { maxBytes?: number; mimeType?: PhotoMimeType } = {},
  ): Promise<PhotoRef> {
    const maxBytes = accept.maxBytes ?? MAX_PHOTO_BYTES;
    if (bytes.length > maxBytes) {
      throw new AppError('PHOTO_TOO_LARGE', { bytes: bytes.length, max: maxBytes });
    }
    const { mimeType, width, height } = inspectImage(bytes);
    if (accept.mimeType && mimeType !== accept.mimeType) {
      throw new AppError('PHOTO_NOT_IMAGE', { bytes: bytes.length, type: mimeType });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.byHash.get(sha256);
    if (!known || !fs.existsSync(this.pathOf(sha256))) await this.writeFile(sha256, bytes);
    return { sha256, mimeType, width, height, bytes: bytes.length };
  }

  /** The photo's row (once per hash), inside the caller's transaction. */
  recordIn(tx: Db, ref: PhotoRef, storedBy: string): void {
    (tx === this.db ? this.insert : tx.prepare(INSERT_PHOTO)).run(
      ref.sha256,
      ref.mimeType,
      ref.width,
      ref.height,
      ref.bytes,
      storedBy,
      this.clock.now(),
    );
  }

  get(sha256: string): PhotoRef | null {
    const row = this.byHash.get(sha256);
    return row
      ? {
          sha256: row.sha256,
          mimeType: row.mime_type,
          width: row.width,
          height: row.height,
          bytes: row.bytes,
        }
      : null;
  }

  async read(sha256: string): Promise<Uint8Array> {
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new AppError('PHOTO_NOT_FOUND', { sha256: sha256.slice(0, 64) });
    try {
      return new Uint8Array(await fs.promises.readFile(this.pathOf(sha256)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('PHOTO_NOT_FOUND', { sha256 });
      throw err;
    }
  }

  pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  private async writeFile(sha256: string, bytes: Uint8Array): Promise<void> {
    const final = this.pathOf(sha256);
    const folder = path.dirname(final);
    await fs.promises.mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.${sha256}.${process.pid}.${Date.now()}.tmp`);
    const handle = await fs.promises.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // link, not rename: it refuses to replace a file already there (same hash, same bytes).
      await fs.promises.link(temp, final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await fs.promises.unlink(temp);
    }
    await syncDirectory(folder);
  }
}

/** What the bytes really are; the name or type a browser reports is not trusted. */
export function inspectImage(bytes: Uint8Array): { mimeType: PhotoMimeType; width: number; height: number } {
  let info: { type?: string; width?: number; height?: number };
  try {
    info = imageSize(bytes);
  } catch {
    throw new AppError('PHOTO_NOT_IMAGE', { bytes: bytes.length });
  }
  const mimeType = info.type ? MIME_OF[info.type] : undefined;
  if (!mimeType || !info.width || !info.height) {
    throw new AppError('PHOTO_NOT_IMAGE', { bytes: bytes.length, type: info.type ?? 'unknown' });
  }
  return { mimeType, width: info.width, height: info.height };
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
