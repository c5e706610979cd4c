import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import type { PackageLine, PackageRow } from './pack-store';

/**
 * The package's lines with the order's data. A combined order's line is keyed
 * `<order id>:<line ref>` (two ERP orders both have a line "1"); `orderId` says whose it is.
 */
export function packageLines(
  store: Pick<OutboundOrderStore, 'get'>,
  order: StoredOutboundOrder,
  pkg: Pick<PackageRow, 'lines'>,
) {
  const orders = new Map<string, StoredOutboundOrder | null>([[order.id, order]]);
  const orderOf = (id: string) => {
    if (!orders.has(id)) orders.set(id, store.get(id));
    return orders.get(id) ?? null;
  };
  return (JSON.parse(pkg.lines) as PackageLine[]).flatMap((p) => {
    const owner = orderOf(p.orderId ?? order.id);
    const line = owner?.lines.find((l) => l.lineRef === p.lineRef);
    if (!owner || !line) return [];
    return [
      {
        ...line,
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
