import { formatLocalIso } from '../../../shared/calendar/local-date';
import { formatCsv } from '../../../shared/csv/csv';
import type { Manifest } from '../../../shared/packing/manifest';
import { formatMoney } from '../../../shared/packing/money';

/**
 * The manifest as CSV for the carrier's and the seller's spreadsheets: RFC 4180, UTF-8 with a
 * byte-order mark (Excel then reads Thai and Vietnamese names right), CR LF. Three blocks
 * separated by an empty line: the manifest's key/value header, the parcel table (one header row),
 * and the totals with the driver's sign-off. Times are the station's local time with offset.
 */
export interface ManifestDocumentOptions {
  timeZone: string;
  carrierName: string;
}

export function kilograms(grams: number): string {
  const whole = Math.floor(grams / 1000);
  return `${String(whole)}.${String(grams % 1000).padStart(3, '0')}`;
}

export function manifestCsv(manifest: Manifest, options: ManifestDocumentOptions): Buffer {
  const when = (ms: number | null) => (ms === null ? '' : formatLocalIso(ms, options.timeZone));
  const t = manifest.totals;
  const rows: string[][] = [
    ['Manifest', manifest.id],
    ['Carrier', options.carrierName],
    ['Carrier code', manifest.carrier],
    ['Pickup date', manifest.date],
    ['Station', manifest.stationId],
    ['Status', manifest.status],
    [],
    [
      '#',
      'Tracking number',
      'Order',
      'Weight (kg)',
      'COD amount',
      'COD currency',
      'Scanned at',
      'Scanned by',
    ],
    ...manifest.parcels.map((p, i) => [
      String(i + 1),
      p.trackingNumber,
      p.orderRef ?? '',
      kilograms(p.weightGrams),
      p.cod ? formatMoney(p.cod) : '',
      p.cod?.currency ?? '',
      when(p.scannedAt),
      p.scannedBy,
    ]),
    [],
    ['Parcels', String(t.parcels)],
    ['Total weight (kg)', kilograms(t.weightGrams)],
    ['COD parcels', String(t.codParcels)],
    ...t.cod.map((c) => [`COD total ${c.currency}`, formatMoney(c)]),
    ['Missing parcels', String(manifest.missing.length)],
    ...manifest.missing.map((tn) => ['Missing', tn]),
    ['Driver', manifest.driverName ?? ''],
    ['Vehicle', manifest.vehicle ?? ''],
    ['Closed at', when(manifest.closedAt)],
    ['Closed by', manifest.closedBy ?? ''],
  ];
  // An empty row would be written as an empty line, which is exactly the block separator.
  return Buffer.from(formatCsv(rows.map((r) => (r.length === 0 ? [''] : r))), 'utf8');
}
