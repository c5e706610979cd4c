/**
 * A carrier manifest: the list of parcels one carrier's driver takes at one pickup, opened at the
 * dock, scanned parcel by parcel, closed with the driver's name. A parcel is on one manifest only.
 */
export const MANIFEST_STATUSES = ['open', 'closed'] as const;
export type ManifestStatus = (typeof MANIFEST_STATUSES)[number];

export interface ManifestParcel {
  trackingNumber: string;
  carrier: string;
  orderRef: string | null;
  weightGrams: number;
  cod: { amountMinor: number; currency: string } | null;
  scannedBy: string;
  scannedAt: number;
}

export interface ManifestTotals {
  parcels: number;
  weightGrams: number;
  codParcels: number;
  /** Per currency, minor units. */
  cod: Array<{ currency: string; amountMinor: number }>;
}

export interface Manifest {
  id: string;
  carrier: string;
  stationId: string;
  /** The pickup's local date in the station's zone. */
  date: string;
  status: ManifestStatus;
  openedBy: string;
  openedAt: number;
  closedBy: string | null;
  closedAt: number | null;
  driverName: string | null;
  vehicle: string | null;
  parcels: ManifestParcel[];
  totals: ManifestTotals;
  /** Parcels expected at close (packed for this carrier) that were not scanned. */
  missing: string[];
}

export function manifestTotals(parcels: readonly ManifestParcel[]): ManifestTotals {
  const cod = new Map<string, number>();
  let weight = 0;
  let codParcels = 0;
  for (const p of parcels) {
    weight += p.weightGrams;
    if (p.cod && p.cod.amountMinor > 0) {
      codParcels += 1;
      cod.set(p.cod.currency, (cod.get(p.cod.currency) ?? 0) + p.cod.amountMinor);
    }
  }
  return {
    parcels: parcels.length,
    weightGrams: weight,
    codParcels,
    cod: [...cod.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amountMinor]) => ({ currency, amountMinor })),
  };
}
