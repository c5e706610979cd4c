import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';

/**
 * An order from a seller's ERP in Kuala Lumpur: one desk lamp (barcode 9555123400017, 450 g),
 * COD MYR 129.50, to ship within a day of `at`.
 */
export function erpLampOrder(
  ref: string,
  at: number,
  options: { seller?: string; postcode?: string; phone?: string | null; region?: string | null } = {},
): OutboundOrder {
  const seller = options.seller ?? 'acme';
  return {
    source: `erp:${seller}`,
    externalId: ref,
    seller,
    market: 'MY',
    stage: 'to_ship',
    platformStatus: null,
    cancellation: null,
    recipient: {
      name: 'Siti Rahman',
      phone: options.phone ?? null,
      address1: '8 Jalan Ampang',
      address2: null,
      city: 'Kuala Lumpur',
      region: options.region ?? null,
      postcode: options.postcode ?? '50450',
      country: 'MY',
    },
    cod: { amountMinor: 12_950, currency: 'MYR' },
    deadlines: {
      shipBy: at + 86_400_000,
      shipAutoCancel: null,
      collectBy: null,
      collectAutoCancel: null,
      deliverBy: null,
      deliverAutoCancel: null,
    },
    lines: [
      {
        lineRef: '1',
        sku: 'ACME-LAMP',
        productName: 'Desk lamp',
        quantity: 1,
        unitGrams: 450,
        barcode: '9555123400017',
        packageId: null,
      },
    ],
    shippingType: 'seller',
    deliveryOptionId: null,
    service: null,
    notes: null,
    sourceUpdatedAt: at,
  };
}
