import { z } from 'zod';
import { mod37_36CheckCharacter } from '../codes/check-digits';
import { BOX_CODE_BODY, makeBoxCode } from '../codes/own-codes';

/**
 * The boxes a bench packs into. Each has a short code, printed on the bench's preset sheet as the
 * barcode `BOX-<code>-<check>` (ISO 7064 MOD 37,36 check character, as our badges): scanning it
 * picks the box — inner dimensions for the chargeable weight, tare for the expected weight — and a
 * worn or misread sheet is refused instead of choosing the wrong box.
 */
export const BOX_CODE = BOX_CODE_BODY;

export const boxPresetSchema = z.strictObject({
  code: z.string().regex(BOX_CODE, 'a box code is 1–12 letters A–Z or digits'),
  name: z.string().trim().min(1).max(80),
  innerMm: z.strictObject({
    lengthMm: z.number().int().positive().max(3_000),
    widthMm: z.number().int().positive().max(3_000),
    heightMm: z.number().int().positive().max(3_000),
  }),
  /** The empty box (with its filler and tape), for the expected weight. */
  tareGrams: z.number().int().min(0).max(50_000),
  active: z.boolean().default(true),
});
export type BoxPreset = z.infer<typeof boxPresetSchema>;

/** The sheet's barcode text for a box code. */
export function boxBarcode(code: string): string {
  return makeBoxCode(code);
}

export type BoxBarcodeParse =
  { ok: true; code: string } | { ok: false; reason: 'not_a_box_code' | 'check_failed'; expected?: string };

/** The box code a scanned sheet barcode names, if its check character is right. */
export function parseBoxBarcode(scanned: string): BoxBarcodeParse {
  const m = /^BOX-([A-Z0-9]{1,12})-([0-9A-Z])$/.exec(scanned.trim().toUpperCase());
  if (!m?.[1] || !m[2]) return { ok: false, reason: 'not_a_box_code' };
  const expected = mod37_36CheckCharacter(m[1]);
  return expected === m[2] ? { ok: true, code: m[1] } : { ok: false, reason: 'check_failed', expected };
}
