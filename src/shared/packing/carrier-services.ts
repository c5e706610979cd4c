import type { FactSource } from '../fact-source';
import type { ItemClass } from './item-classes';

export type { FactSource } from '../fact-source';

/**
 * How each carrier service turns a parcel into a billed weight — as data, one row per service,
 * each with where its figures come from. Adding a service or correcting a divisor is a row here,
 * never code. `chargeableWeight` (chargeable-weight.ts) reads these rows.
 * Each figure names its source (src/shared/fact-source.ts); `reference` rows come from
 * /work/shared/reference/packing.md ("gathered from vendor help pages, carrier pages and
 * open-source code").
 */
/** Metric: round the billed weight up to the next `stepGrams`. Imperial: up to the next whole pound. */
export type WeightRounding = { kind: 'up_to_grams'; stepGrams: number } | { kind: 'up_to_pound' };

export interface CarrierService {
  id: string;
  /** Our carrier code (as in the connector registry and the code recogniser). */
  carrier: string;
  name: string;
  /** ISO 3166-1 alpha-2 markets the service ships from. */
  markets: readonly string[];
  scope: 'domestic' | 'international';
  units: 'metric' | 'imperial';
  /** cm³ per kg (metric) or in³ per lb (imperial). */
  divisor: number;
  /** Imperial carriers measure each side to the nearest whole inch before multiplying. */
  dimensions: 'exact_mm' | 'nearest_inch';
  /** Volumetric weight applies only above this volume (USPS: 1 cubic foot). */
  volumetricAboveCubicInches?: number;
  rounding: WeightRounding;
  minChargeableGrams?: number;
  maxActualGrams?: number;
  maxLengthMm?: number;
  /** Longest side + 2 × (the other two). */
  maxLengthPlusGirthMm?: number;
  /** The item classes (item-classes.ts) the service carries; a parcel with any other is refused. */
  accepts: readonly ItemClass[];
  sources: { divisor: FactSource; rounding: FactSource; limits?: FactSource; accepts: FactSource };
}

const INCH_MM = 25.4;
const inches = (n: number) => Math.round(n * INCH_MM);
const pounds = (n: number) => Math.floor(n * 453.59237);

const REF_PACKING: FactSource = {
  kind: 'reference',
  ref: 'reference/packing.md § Chargeable weight (carrier pages, gathered 2026-12)',
};

// No carrier's prohibited-items list is in reference/: every `accepts` is our cautious reading
// (air legs refuse batteries and aerosols, road legs take batteries in equipment) — correct it here.
const OURS_GROUND: FactSource = {
  kind: 'ours',
  ref: 'road network: batteries in equipment and liquids, no aerosols; check the carrier prohibited list',
};
const OURS_AIR: FactSource = {
  kind: 'ours',
  ref: 'international parcels fly: no batteries, liquids or aerosols without a DG contract',
};
const OURS_US_GROUND: FactSource = {
  kind: 'ours',
  ref: 'US ground services take these under their hazmat rules (shipper marks the parcel); check the guide',
};

export const CARRIER_SERVICES: readonly CarrierService[] = [
  {
    id: 'jnt-my-domestic',
    carrier: 'jnt-my',
    name: 'J&T Express Malaysia — domestic',
    markets: ['MY'],
    scope: 'domestic',
    units: 'metric',
    divisor: 6000,
    dimensions: 'exact_mm',
    rounding: { kind: 'up_to_grams', stepGrams: 1000 },
    minChargeableGrams: 1000,
    maxActualGrams: 50_000,
    accepts: ['battery', 'liquid'],
    sources: {
      accepts: OURS_GROUND,
      divisor: REF_PACKING,
      rounding: { kind: 'community', ref: 'J&T MY rate cards price per started kilogram (seller guides)' },
      limits: { kind: 'community', ref: 'J&T MY seller guides: 50 kg per parcel' },
    },
  },
  {
    id: 'jnt-my-international',
    carrier: 'jnt-my',
    name: 'J&T Express Malaysia — international',
    markets: ['MY'],
    scope: 'international',
    units: 'metric',
    divisor: 5000,
    dimensions: 'exact_mm',
    rounding: { kind: 'up_to_grams', stepGrams: 500 },
    minChargeableGrams: 500,
    accepts: [],
    sources: {
      accepts: OURS_AIR,
      divisor: REF_PACKING,
      rounding: {
        kind: 'ours',
        ref: 'half-kilogram steps, as international express tariffs use; check the contract',
      },
    },
  },
  {
    id: 'posmy-parcel',
    carrier: 'posmy',
    name: 'Pos Malaysia — Pos Laju parcel',
    markets: ['MY'],
    scope: 'domestic',
    units: 'metric',
    divisor: 6000,
    dimensions: 'exact_mm',
    rounding: { kind: 'up_to_grams', stepGrams: 1000 },
    maxActualGrams: 30_000,
    accepts: ['liquid'],
    sources: {
      accepts: {
        kind: 'ours',
        ref: 'Pos Laju carries by air between Peninsular and East Malaysia: no batteries or aerosols; check its prohibited list',
      },
      divisor: REF_PACKING,
      rounding: REF_PACKING,
      limits: { kind: 'community', ref: 'Pos Laju seller guides: 30 kg per parcel' },
    },
  },
  {
    // The carrier code is the Ninja Van connector's default for its MY account (`ninjavan-<cc>`),
    // so a line named after the account books through it and its parcels carry that code.
    id: 'ninjavan-my-standard',
    carrier: 'ninjavan-my',
    name: 'Ninja Van Malaysia — standard',
    markets: ['MY'],
    scope: 'domestic',
    units: 'metric',
    divisor: 6000,
    dimensions: 'exact_mm',
    rounding: { kind: 'up_to_grams', stepGrams: 1000 },
    maxActualGrams: 30_000,
    accepts: ['liquid'],
    sources: {
      accepts: {
        kind: 'ours',
        ref: 'no batteries or aerosols until the Ninja Van MY prohibited list is read',
      },
      divisor: { kind: 'ours', ref: 'as J&T and Pos Malaysia domestic (6000); Ninja Van MY pages not read' },
      rounding: { kind: 'ours', ref: 'per started kilogram, as MY domestic tariffs; check the contract' },
      limits: { kind: 'ours', ref: '30 kg, as Pos Laju; Ninja Van MY limits not read' },
    },
  },
  {
    id: 'ghn-standard',
    carrier: 'ghn',
    name: 'Giao Hàng Nhanh — standard',
    markets: ['VN'],
    scope: 'domestic',
    units: 'metric',
    divisor: 5000,
    dimensions: 'exact_mm',
    rounding: { kind: 'up_to_grams', stepGrams: 1 },
    maxActualGrams: 50_000,
    accepts: ['battery', 'liquid'],
    sources: {
      accepts: OURS_GROUND,
      divisor: { kind: 'community', ref: 'GHN API sample (reference/packing.md)' },
      rounding: { kind: 'ours', ref: 'GHN takes the weight in grams; its price steps are its own tariff' },
      limits: { kind: 'community', ref: 'GHN API: weight ≤ 50 000 g' },
    },
  },
  {
    id: 'ups-ground',
    carrier: 'ups',
    name: 'UPS Ground (daily rates)',
    markets: ['US'],
    scope: 'domestic',
    units: 'imperial',
    divisor: 139,
    dimensions: 'nearest_inch',
    rounding: { kind: 'up_to_pound' },
    maxActualGrams: pounds(150),
    maxLengthMm: inches(108),
    maxLengthPlusGirthMm: inches(165),
    accepts: ['battery', 'liquid', 'aerosol'],
    sources: {
      accepts: OURS_US_GROUND,
      divisor: {
        kind: 'official',
        ref: 'ups.com "Determining billable weight": L × W × H ÷ 139 (daily rates)',
      },
      rounding: {
        kind: 'official',
        ref: 'ups.com: each side to the nearest whole inch; weights up to the next whole pound',
      },
      limits: {
        kind: 'official',
        ref: 'ups.com weight and size limits: 150 lb, 108 in, 165 in length + girth',
      },
    },
  },
  {
    id: 'fedex-ground',
    carrier: 'fedex',
    name: 'FedEx Ground',
    markets: ['US'],
    scope: 'domestic',
    units: 'imperial',
    divisor: 139,
    dimensions: 'nearest_inch',
    rounding: { kind: 'up_to_pound' },
    maxActualGrams: pounds(150),
    maxLengthMm: inches(108),
    maxLengthPlusGirthMm: inches(165),
    accepts: ['battery', 'liquid', 'aerosol'],
    sources: {
      accepts: OURS_US_GROUND,
      divisor: { kind: 'official', ref: 'fedex.com dimensional weight: L × W × H ÷ 139' },
      rounding: { kind: 'official', ref: 'fedex.com: nearest whole inch per side, next whole pound' },
      limits: { kind: 'official', ref: 'fedex.com FedEx Ground: 150 lb, 108 in, 165 in length + girth' },
    },
  },
  {
    id: 'usps-ground-advantage',
    carrier: 'usps',
    name: 'USPS Ground Advantage',
    markets: ['US'],
    scope: 'domestic',
    units: 'imperial',
    divisor: 166,
    dimensions: 'nearest_inch',
    volumetricAboveCubicInches: 1728,
    rounding: { kind: 'up_to_pound' },
    maxActualGrams: pounds(70),
    maxLengthPlusGirthMm: inches(130),
    accepts: ['battery', 'liquid', 'aerosol'],
    sources: {
      accepts: OURS_US_GROUND,
      divisor: {
        kind: 'official',
        ref: 'USPS DMM 223: dimensional weight L × W × H ÷ 166 for parcels over 1 cubic foot',
      },
      rounding: { kind: 'official', ref: 'USPS DMM: nearest whole inch; any fraction of a pound is a pound' },
      limits: { kind: 'official', ref: 'USPS DMM 201: 70 lb; Ground Advantage 130 in length + girth' },
    },
  },
  {
    id: 'usps-priority-mail',
    carrier: 'usps',
    name: 'USPS Priority Mail',
    markets: ['US'],
    scope: 'domestic',
    units: 'imperial',
    divisor: 166,
    dimensions: 'nearest_inch',
    volumetricAboveCubicInches: 1728,
    rounding: { kind: 'up_to_pound' },
    maxActualGrams: pounds(70),
    maxLengthPlusGirthMm: inches(108),
    accepts: ['battery', 'liquid'],
    sources: {
      accepts: {
        kind: 'ours',
        ref: 'Priority Mail flies: no aerosols; batteries in equipment only; check USPS Publication 52',
      },
      divisor: {
        kind: 'official',
        ref: 'USPS DMM 223: dimensional weight L × W × H ÷ 166 for parcels over 1 cubic foot',
      },
      rounding: { kind: 'official', ref: 'USPS DMM: nearest whole inch; any fraction of a pound is a pound' },
      limits: { kind: 'official', ref: 'USPS DMM 201: 70 lb; Priority Mail 108 in length + girth' },
    },
  },
];

export function carrierService(
  id: string,
  services: readonly CarrierService[] = CARRIER_SERVICES,
): CarrierService | undefined {
  return services.find((s) => s.id === id);
}
