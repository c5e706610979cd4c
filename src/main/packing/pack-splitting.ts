import { AppError } from '../../shared/errors';
import type { PackageLine, Verified } from './pack-store';

/**
 * A package's lines split in two: what stays and what moves to a new package. The scans of
 * `verified` are cut to what stays (changed in place). `PACK_SPLIT_INVALID` when a line moves
 * more than it has, names a line not in the package, or nothing stays or nothing moves.
 */
export function splitLines(
  current: readonly PackageLine[],
  requested: readonly { lineRef: string; quantity: number }[],
  verified: Verified,
): { stay: PackageLine[]; move: PackageLine[] } {
  const moving = new Map<string, number>();
  for (const l of requested) moving.set(l.lineRef, (moving.get(l.lineRef) ?? 0) + l.quantity);
  const stay: PackageLine[] = [];
  const move: PackageLine[] = [];
  for (const l of current) {
    const m = moving.get(l.lineRef) ?? 0;
    if (m > l.quantity) throw new AppError('PACK_SPLIT_INVALID', { lineRef: l.lineRef });
    if (l.quantity - m > 0) stay.push({ lineRef: l.lineRef, quantity: l.quantity - m });
    if (m > 0) move.push({ lineRef: l.lineRef, quantity: m });
    moving.delete(l.lineRef);
    // Items already scanned beyond what stays are back on the bench for the new package.
    const v = verified[l.lineRef];
    if (v && v.count > l.quantity - m) {
      v.count = l.quantity - m;
      v.serials = v.serials.slice(0, v.count);
    }
    if (l.quantity - m === 0) Reflect.deleteProperty(verified, l.lineRef);
  }
  if (moving.size > 0 || stay.length === 0 || move.length === 0) {
    throw new AppError('PACK_SPLIT_INVALID', {});
  }
  return { stay, move };
}
