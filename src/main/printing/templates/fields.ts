import { z } from 'zod';

/** Field rules several templates share. */
export const code = (max = 40) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]+$/, 'letters, digits and ASCII punctuation only (it is printed as a barcode)');

export const text = (max: number) => z.string().trim().min(1).max(max);

export const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, 'YYYY-MM-DD or YYYY-MM-DD HH:MM');
