import type { Money } from '../../shared/platform-returns';

const SCALE = 4;

function scaled(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? amount.slice(1) : amount).split('.');
  const v = BigInt(whole + frac.padEnd(SCALE, '0').slice(0, SCALE));
  return negative ? -v : v;
}

function format(v: bigint): string {
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Sums of decimal-string amounts per currency, exact (no float), currencies in alphabetical order. */
export function sumByCurrency(amounts: readonly Money[]): Money[] {
  const sums = new Map<string, bigint>();
  for (const m of amounts) sums.set(m.currency, (sums.get(m.currency) ?? 0n) + scaled(m.amount));
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, v]) => ({ amount: format(v), currency }));
}
