import bwipjs from 'bwip-js/node';
import { AppError } from '../../../shared/errors';
import type { BarcodePattern, Symbology } from '../layout/model';

const LIMITS: Record<Symbology, number> = { code128: 80, qrcode: 500, datamatrix: 500 };

/** The bwip-js encoder name of each symbology. */
const BCID: Record<Symbology, string> = { code128: 'code128', qrcode: 'qrcode', datamatrix: 'datamatrix' };

/**
 * Refuses a value the symbology cannot carry on every printer we drive: printable ASCII only (a
 * Zebra `^BC` and an Epson `{B` Code 128 take nothing else; for QR/DataMatrix it keeps the bytes
 * the same whatever code page a scanner assumes), within a length that still scans.
 */
export function checkBarcodeValue(symbology: Symbology, value: string, field: string): void {
  const fail = (reason: string, extra: Record<string, string | number> = {}): never => {
    throw new AppError('PRINT_BARCODE_NOT_ENCODABLE', { field, symbology, reason, ...extra });
  };
  if (value.length === 0) fail('empty');
  if (value.length > LIMITS[symbology]) fail('too_long', { length: value.length, max: LIMITS[symbology] });
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || cp > 0x7e) {
      fail('character_not_ascii', {
        character: ch,
        codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      });
    }
  }
}

/** Module pattern of a barcode, from the same encoder the preview and the PDF are drawn with. */
export function encodeBarcode(symbology: Symbology, value: string, field: string): BarcodePattern {
  checkBarcodeValue(symbology, value, field);
  let raw;
  try {
    raw = bwipjs.raw({
      bcid: BCID[symbology],
      text: value,
      ...(symbology === 'qrcode' ? { eclevel: 'M' } : {}),
    } as Parameters<typeof bwipjs.raw>[0]);
  } catch (err) {
    throw new AppError(
      'PRINT_BARCODE_NOT_ENCODABLE',
      { field, symbology, reason: String((err as Error).message).slice(0, 120) },
      { cause: err },
    );
  }
  const first = raw[0] as { sbs?: number[]; pixs?: number[]; pixx?: number; pixy?: number } | undefined;
  if (first?.sbs) {
    return { type: 'linear', widths: first.sbs, modules: first.sbs.reduce((a, b) => a + b, 0) };
  }
  if (first?.pixs && first.pixx && first.pixx === first.pixy) {
    return { type: 'matrix', size: first.pixx, bits: Uint8Array.from(first.pixs) };
  }
  throw new AppError('PRINT_BARCODE_NOT_ENCODABLE', { field, symbology, reason: 'encoder_gave_no_pattern' });
}

/**
 * Modules of a Code 128 held in code set B throughout, as an Epson prints it after the `{B`
 * prefix node-thermal-printer sends: start, one symbol per character (`{` doubled), check, stop.
 */
export function code128SetBModules(value: string): number {
  const symbols = [...value].reduce((n, ch) => n + (ch === '{' ? 2 : 1), 0);
  return 11 * (symbols + 2) + 13;
}
