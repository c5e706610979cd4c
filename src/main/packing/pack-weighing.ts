import { type PackReading, type PackBox } from '../../shared/calls/packing';
import { AppError } from '../../shared/errors';
import type { CarrierService } from '../../shared/packing/carrier-services';
import { chargeableWeight } from '../../shared/packing/chargeable-weight';
import { checkExpectedWeight } from '../../shared/packing/expected-weight';
import type { ChargeableView, ExpectedWeightView, PackWeightView } from '../../shared/packing/pack-views';
import { parseTypedWeight } from '../../shared/scales/typed-weight';
import type { MonitorSnapshot } from '../scales/scale-monitor';
import type { BoxPresetStore } from './box-presets-store';
import type { StoredOutboundOrder } from './outbound-orders';

export interface WeighingDeps {
  boxes: Pick<BoxPresetStore, 'fromScan'>;
  services: readonly CarrierService[];
  /** The station's own scale, if one is attached. */
  scale: (() => MonitorSnapshot) | null;
}

/**
 * The parcel's weight from one reading and its box: checked against the items' expected weight,
 * with the chargeable weight of the order's own service when it names one.
 */
export function packWeight(
  o: WeighingDeps,
  order: StoredOutboundOrder,
  lines: readonly { sku: string; quantity: number; unitGrams: number | null }[],
  input: { reading: PackReading; box: PackBox },
): PackWeightView {
  const { grams, source } = readingGrams(input.reading, o.scale);
  const box =
    input.box.kind === 'preset'
      ? (() => {
          const preset = o.boxes.fromScan(input.box.code);
          return {
            box: { code: preset.code, name: preset.name },
            dims: preset.innerMm,
            tare: preset.tareGrams,
          };
        })()
      : { box: null, dims: input.box.dims, tare: input.box.tareGrams };
  const expectedCheck = checkExpectedWeight({
    items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitGrams: l.unitGrams })),
    tareGrams: box.tare,
    measuredGrams: grams,
  });
  const expected: ExpectedWeightView =
    expectedCheck.verdict === 'unknown'
      ? {
          verdict: 'unknown',
          measuredGrams: grams,
          expectedGrams: null,
          differenceGrams: null,
          allowedGrams: null,
          skusWithoutWeight: expectedCheck.skusWithoutWeight,
        }
      : { ...expectedCheck, skusWithoutWeight: [] };
  const preferred = order.service ? o.services.find((s) => s.id === order.service) : undefined;
  const weight: PackWeightView = {
    grams,
    source,
    box: box.box,
    dims: box.dims,
    tareGrams: box.tare,
    expected,
    warning: expected.verdict === 'too_light' || expected.verdict === 'too_heavy',
    chargeable: preferred
      ? chargeableView(chargeableWeight({ actualGrams: grams, dims: box.dims, service: preferred }))
      : null,
  };
  return weight;
}

function readingGrams(
  reading: PackReading,
  scale: (() => MonitorSnapshot) | null,
): { grams: number; source: PackWeightView['source'] } {
  if (reading.kind === 'typed') {
    const parsed = parseTypedWeight(reading.text, 'g');
    if (!parsed.ok) {
      if (parsed.reason === 'not_positive') throw new AppError('PACK_WEIGHT_ZERO');
      if (parsed.reason === 'too_heavy') throw new AppError('PACK_WEIGHT_OVER_RANGE');
      throw new AppError('PACK_WEIGHT_UNREADABLE', { text: reading.text.slice(0, 32) });
    }
    return { grams: checkGrams(parsed.grams), source: 'typed' };
  }
  if (reading.kind === 'scale') {
    if (reading.overRange) throw new AppError('PACK_WEIGHT_OVER_RANGE');
    if (reading.underZero || reading.grams <= 0) throw new AppError('PACK_WEIGHT_ZERO');
    if (!reading.stable) throw new AppError('PACK_WEIGHT_UNSTABLE');
    return { grams: checkGrams(reading.grams), source: 'scale' };
  }
  const snapshot = scale?.();
  if (!snapshot || snapshot.closed) throw new AppError('PACK_SCALE_UNAVAILABLE');
  const s = snapshot.state;
  switch (s.kind) {
    case 'stable':
      if (s.grams <= 0) throw new AppError('PACK_WEIGHT_ZERO');
      return { grams: checkGrams(s.grams), source: 'station_scale' };
    case 'over_range':
      throw new AppError('PACK_WEIGHT_OVER_RANGE');
    case 'zero':
    case 'negative':
      throw new AppError('PACK_WEIGHT_ZERO');
    case 'unplugged':
    case 'waiting':
      throw new AppError('PACK_SCALE_UNAVAILABLE');
    default:
      throw new AppError('PACK_WEIGHT_UNSTABLE');
  }
}

function checkGrams(grams: number): number {
  if (!Number.isSafeInteger(grams) || grams <= 0) throw new AppError('PACK_WEIGHT_ZERO');
  // Beyond any parcel carrier's limit: a misread or a typo, not a parcel.
  if (grams > 150_000) throw new AppError('PACK_WEIGHT_OVER_RANGE');
  return grams;
}

export function chargeableView(c: ReturnType<typeof chargeableWeight>): ChargeableView {
  return {
    service: c.service,
    basis: c.basis,
    actualGrams: c.actualGrams,
    volumetricGrams: c.volumetricGrams,
    billed: c.billed,
    chargeableGrams: c.chargeableGrams,
    problems: c.problems.map((p) => ({ ...p })),
  };
}
