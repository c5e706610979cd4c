import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { startStationServer } from '../../../src/main/station/server';
import { MAX_PHOTO_BYTES } from '../../../src/shared/returns/qc-codes';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';
import { png, sha256 } from './qc-fixtures';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  temp.cleanup();
});

function station(): Core {
  const { core } = makeTestCore(temp.make());
  cleanups.push(() => core.close());
  return core;
}

describe('photos stored by their SHA-256 in the data folder', () => {
  it('stores an image once under its hash, never overwrites it, and reads it back', async () => {
    const core = station();
    const bytes = png(42, 640, 480);
    const first = await core.dispatch('qcUploadPhoto', {
      dataBase64: bytes.toString('base64'),
      mimeType: 'image/png',
    });
    expect(first).toEqual({
      ok: true,
      value: { sha256: sha256(bytes), mimeType: 'image/png', width: 640, height: 480, bytes: bytes.length },
    });
    const file = core.qc.photos.pathOf(sha256(bytes));
    expect(file.startsWith(core.dataDir)).toBe(true);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const inode = fs.statSync(file).ino;
    const again = await core.dispatch('qcUploadPhoto', {
      dataBase64: bytes.toString('base64'),
      mimeType: 'image/jpeg',
    });
    expect(again).toEqual(first);
    expect(fs.statSync(file).ino).toBe(inode);
    expect(countRows(core.db, 'qc_photos')).toBe(1);
    const read = await core.dispatch('qcGetPhoto', { sha256: sha256(bytes) });
    expect(
      read.ok && Buffer.from((read.value as { dataBase64: string }).dataBase64, 'base64').equals(bytes),
    ).toBe(true);
    // No temporary file is left behind.
    expect(fs.readdirSync(file.slice(0, file.lastIndexOf('/')))).toEqual([sha256(bytes)]);
  });

  it('refuses bytes that are not an image, whatever type the browser said, and stores nothing', async () => {
    const core = station();
    const text = Buffer.from('%PDF-1.7 this is not a photo at all, just some text pretending');
    const refused = await core.dispatch('qcUploadPhoto', {
      dataBase64: text.toString('base64'),
      mimeType: 'image/jpeg',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PHOTO_NOT_IMAGE' } });
    const notBase64 = await core.dispatch('qcUploadPhoto', { dataBase64: '***', mimeType: 'image/png' });
    expect(notBase64).toMatchObject({ ok: false, error: { code: 'PHOTO_NOT_IMAGE' } });
    expect(countRows(core.db, 'qc_photos')).toBe(0);
    expect(fs.existsSync(core.qc.photos.dir)).toBe(false);
  });

  it('refuses a photo over the limit in the core, and a 200 MB upload at the station server before buffering it', async () => {
    const core = station();
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 10, 1);
    png(1).copy(big);
    const refused = await core.dispatch('qcUploadPhoto', {
      dataBase64: big.toString('base64'),
      mimeType: 'image/png',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { field: 'dataBase64' } },
    });
    const direct = core.qc.photos.put(new Uint8Array(big), 'clerk');
    await expect(direct).rejects.toMatchObject({ code: 'PHOTO_TOO_LARGE', params: { max: MAX_PHOTO_BYTES } });

    const server = await startStationServer({
      core,
      rendererDir: temp.make(),
      port: 0,
      token: 'test-token-123',
    });
    cleanups.push(() => server.close());
    const chunk = Buffer.alloc(1024 * 1024, 65);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200) return controller.close();
        sent++;
        controller.enqueue(sent === 1 ? Buffer.concat([Buffer.from('{"dataBase64":"'), chunk]) : chunk);
      },
    });
    const res = await fetch(`${server.url}api/qcUploadPhoto`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token-123', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'PHOTO_TOO_LARGE' } });
    // Any other call keeps the small limit.
    const other = await fetch(`${server.url}api/qcSearch`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token-123', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(70 * 1024) }),
    });
    expect(other.status).toBe(413);
    expect(countRows(core.db, 'qc_photos')).toBe(0);
  });
});
