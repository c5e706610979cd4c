import { ready } from 'zpl-renderer-js';

/** ZPL bytes → PNG through an offline ZPL engine (a WASM build of zebrash), as a printer would print. */
export async function zplToPng(zpl: string, widthMm: number, heightMm: number, dpi: number): Promise<Buffer> {
  const { api } = await ready;
  const base64 = await api.zplToBase64Async(zpl, widthMm, heightMm, dpi === 300 ? 12 : 8);
  return Buffer.from(base64, 'base64');
}
