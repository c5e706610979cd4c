import type { WeightUnit } from './weight-units';

/**
 * One reading from any scale driver (HID POS, MT-SICS, CAS, typed), in the one shape the weighing
 * policy and the packing screen read. `grams` is whole grams (integer arithmetic from what the
 * scale said); `reported` is exactly what the scale displayed, for the screen and for disputes.
 */
export interface ScaleReading {
  grams: number;
  /** The scale itself says the weight has settled (HID status 4 or 2, MT-SICS `S S`, CAS `ST`). */
  stable: boolean;
  overRange: boolean;
  underZero: boolean;
  reported: { text: string; unit: WeightUnit | string };
  /** ms since the epoch, from the injected clock, when the reading arrived. */
  at: number;
  source: 'hid-pos' | 'mt-sics' | 'cas' | 'typed' | 'fake';
}
