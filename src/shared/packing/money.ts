import { parseDecimal } from '../scales/weight-units';

/**
 * Money as integer minor units with its ISO 4217 currency, so COD totals never drift: 12.50 MYR is
 * 1250, 150000 VND is 150000 (the dong has no minor unit).
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = {
  THB: 2,
  VND: 0,
  MYR: 2,
  GBP: 2,
  USD: 2,
  SGD: 2,
  PHP: 2,
  IDR: 2,
  CNY: 2,
  EUR: 2,
};

export interface Money {
  amountMinor: number;
  currency: string;
}

/** "12.5" MYR → 1250; null when it is not an amount in that currency (too many decimals, unknown code). */
export function parseMoney(text: string, currency: string): Money | null {
  const minor = CURRENCY_MINOR_UNITS[currency];
  if (minor === undefined) return null;
  const value = parseDecimal(text);
  if (!value || -value.exponent > minor || value.raw < 0n) return null;
  const amount = value.raw * 10n ** BigInt(minor + value.exponent);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { amountMinor: Number(amount), currency };
}

/** 1250 MYR → "12.50"; 150000 VND → "150000". */
export function formatMoney(money: Money): string {
  const minor = CURRENCY_MINOR_UNITS[money.currency] ?? 2;
  if (minor === 0) return String(money.amountMinor);
  const digits = String(Math.abs(money.amountMinor)).padStart(minor + 1, '0');
  return `${money.amountMinor < 0 ? '-' : ''}${digits.slice(0, -minor)}.${digits.slice(-minor)}`;
}
