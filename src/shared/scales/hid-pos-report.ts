import type { ScaleReading } from './scale-reading';
import { formatScaled, toGrams, type WeightUnit } from './weight-units';

/**
 * USB HID POS scales (HID Usage Tables, Scale page 0x8D): the weight arrives as input report 3,
 * five bytes after the report id — status, unit, exponent (signed), weight low byte, weight high
 * byte. Pure, so the renderer's WebHID path (which hands over the report id and the data
 * separately) and node-hid (whose buffers start with the report id) parse the very same bytes.
 *
 * Status (Scale Status usages): 1 fault, 2 stable at zero, 3 in motion, 4 weight stable,
 * 5 under zero, 6 over weight limit, 7 requires calibration, 8 requires re-zeroing.
 * Units (Weight Unit usages): 1 mg, 2 g, 3 kg, 4 carats, 5 taels, 6 grains, 7 pennyweights,
 * 8 metric tons, 9 avoirdupois tons, 10 troy ounces, 11 ounces, 12 pounds. Taels have no single
 * definition (Hong Kong, Taiwan and mainland taels differ), so a tael report is refused.
 */
export const HID_SCALE_USAGE_PAGE = 0x8d;
export const HID_SCALE_DATA_REPORT_ID = 3;

export const HID_SCALE_STATUSES = {
  1: 'fault',
  2: 'zero',
  3: 'in_motion',
  4: 'stable',
  5: 'under_zero',
  6: 'over_limit',
  7: 'needs_calibration',
  8: 'needs_rezero',
} as const;
export type HidScaleStatus = (typeof HID_SCALE_STATUSES)[keyof typeof HID_SCALE_STATUSES];

export const HID_SCALE_UNITS: Readonly<Record<number, WeightUnit>> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  6: 'gr',
  7: 'dwt',
  8: 't',
  9: 'ton',
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};

export interface HidScaleReport {
  status: HidScaleStatus;
  statusCode: number;
  unit: WeightUnit;
  unitCode: number;
  exponent: number;
  /** The 16-bit weight field, unsigned, as sent. */
  raw: number;
}

export type HidReportParse =
  | { ok: true; report: HidScaleReport }
  | {
      ok: false;
      reason: 'not_a_weight_report' | 'too_short' | 'unknown_status' | 'unknown_unit';
      detail: string;
    };

/**
 * Parses one input report. `reportId` given (WebHID): `data` is the payload without it; absent
 * (node-hid): the first byte of `data` is the report id.
 */
export function parseHidScaleReport(data: Uint8Array, reportId?: number): HidReportParse {
  const id = reportId ?? data[0];
  const body = reportId === undefined ? data.subarray(1) : data;
  if (id !== HID_SCALE_DATA_REPORT_ID) {
    return { ok: false, reason: 'not_a_weight_report', detail: `report id ${String(id)}` };
  }
  if (body.length < 5) {
    return { ok: false, reason: 'too_short', detail: `${String(body.length)} data bytes, 5 needed` };
  }
  const [statusCode, unitCode, exponentByte, low, high] = [body[0], body[1], body[2], body[3], body[4]] as [
    number,
    number,
    number,
    number,
    number,
  ];
  const status = (HID_SCALE_STATUSES as Record<number, HidScaleStatus | undefined>)[statusCode];
  if (!status) return { ok: false, reason: 'unknown_status', detail: `status ${String(statusCode)}` };
  const unit = HID_SCALE_UNITS[unitCode];
  // A zero or fault report may carry unit 0 on some models; it weighs nothing, so grams it is.
  if (!unit && !(unitCode === 0 && (status === 'zero' || status === 'fault'))) {
    return { ok: false, reason: 'unknown_unit', detail: `unit ${String(unitCode)}` };
  }
  return {
    ok: true,
    report: {
      status,
      statusCode,
      unit: unit ?? 'g',
      unitCode,
      exponent: exponentByte > 127 ? exponentByte - 256 : exponentByte,
      raw: low | (high << 8),
    },
  };
}

/**
 * The report as a reading. Under zero the field holds the magnitude (the sign is the status);
 * over the limit the field is meaningless and grams is 0 with `overRange` set.
 */
export function hidReportToReading(report: HidScaleReport, at: number): ScaleReading {
  const negative = report.status === 'under_zero';
  const value = { raw: BigInt(negative ? -report.raw : report.raw), exponent: report.exponent };
  const over = report.status === 'over_limit';
  return {
    grams: over ? 0 : toGrams(value, report.unit),
    stable: report.status === 'stable' || report.status === 'zero',
    overRange: over,
    underZero: negative,
    reported: { text: over ? 'over' : formatScaled(value), unit: report.unit },
    at,
    source: 'hid-pos',
  };
}
