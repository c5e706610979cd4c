import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { REPO_ROOT } from '../child-process';

let ready: Promise<unknown> | null = null;

/** zxing-wasm with its wasm read from node_modules: by default it would fetch it from a CDN. */
function prepare(): Promise<unknown> {
  ready ??= Promise.resolve(
    prepareZXingModule({
      overrides: {
        wasmBinary: fs.readFileSync(
          path.join(REPO_ROOT, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'),
        ).buffer as ArrayBuffer,
      },
      fireImmediately: true,
    }),
  );
  return ready;
}

export interface Decoded {
  format: string;
  text: string;
}

/** Every barcode zxing finds in a PNG (flattened onto white first: transparency reads as black). */
export async function decodePng(png: Buffer): Promise<Decoded[]> {
  await prepare();
  const image = PNG.sync.read(png);
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) {
    const a = (image.data[i * 4 + 3] as number) / 255;
    for (let c = 0; c < 3; c++) data[i * 4 + c] = (image.data[i * 4 + c] as number) * a + 255 * (1 - a);
    data[i * 4 + 3] = 255;
  }
  const results: ReadResult[] = await readBarcodes(
    { data, width: image.width, height: image.height, colorSpace: 'srgb' } as unknown as Parameters<
      typeof readBarcodes
    >[0],
    { formats: ['Code128', 'QRCode', 'DataMatrix'], maxNumberOfSymbols: 64, tryHarder: true },
  );
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
