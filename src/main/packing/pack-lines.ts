import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf } from './pack-booking';
import type { PackageLine, PackageRow } from './pack-store';

/**
 * The package's lines with the order's data. A combined order's line is keyed
 * `<order id>:<line ref>` (two ERP orders both have a line "1"); `orderId` says whose it is.
 * A platform order's line carries no serial flag of its own: `listedSerials` (the station's SKU
 * list) says which of its SKUs need one; an ERP line keeps what its file said.
 */
export function packageLines(
  store: Pick<OutboundOrderStore, 'get'>,
  order: StoredOutboundOrder,
  pkg: Pick<PackageRow, 'lines'>,
  listedSerials?: (skus: readonly string[]) => ReadonlySet<string>,
) {
  const orders = new Map<string, StoredOutboundOrder | null>([[order.id, order]]);
  const orderOf = (id: string) => {
    if (!orders.has(id)) orders.set(id, store.get(id));
    return orders.get(id) ?? null;
  };
  const packed = JSON.parse(pkg.lines) as PackageLine[];
  const platformSkus = packed.flatMap((p) => {
    const owner = orderOf(p.orderId ?? order.id);
    return owner && platformDestinationOf(owner) !== null
      ? owner.lines.filter((l) => l.lineRef === p.lineRef).map((l) => l.sku)
      : [];
  });
  const listed = listedSerials && platformSkus.length > 0 ? listedSerials(platformSkus) : new Set<string>();
  return packed.flatMap((p) => {
    const owner = orderOf(p.orderId ?? order.id);
    const line = owner?.lines.find((l) => l.lineRef === p.lineRef);
    if (!owner || !line) return [];
    const fromList = platformDestinationOf(owner) !== null && listed.has(line.sku);
    return [
      {
        ...line,
        ...(fromList ? { serialRequired: true } : {}),
        lineRef: p.orderId ? combinedLineKey(p.orderId, p.lineRef) : p.lineRef,
        quantity: p.quantity,
        orderId: owner.id,
      },
    ];
  });
}

/** One line of a package with its order's data (`packageLines`). */
export type PackedLine = ReturnType<typeof packageLines>[number];

export function combinedLineKey(orderId: string, lineRef: string): string {
  return `${orderId}:${lineRef}`;
}
