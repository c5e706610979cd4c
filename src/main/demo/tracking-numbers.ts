import { gs1CheckDigit, s10CheckDigit, upsCheckDigit } from '../../shared/codes/check-digits';
import type { Random } from '../random';

export interface DemoCarrier {
  /** Destination name of the carrier's adapter. */
  name: string;
  country: 'TH' | 'VN' | 'MY' | 'GB' | 'US';
  makeTracking(random: Random): string;
}

const digits = (random: Random, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(random.next() * 10).toString();
  return out;
};

const letters = (random: Random, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(65 + Math.floor(random.next() * 26));
  return out;
};

function s10(random: Random, service: string, country: string): string {
  const serial = digits(random, 8);
  return `${service}${serial}${s10CheckDigit(serial)}${country}`;
}

/** Real-looking numbers of the carriers each market's docks see most. */
export const DEMO_CARRIERS: readonly DemoCarrier[] = [
  { name: 'flash', country: 'TH', makeTracking: (r) => `TH${digits(r, 2)}${digits(r, 10)}` },
  { name: 'jnt_th', country: 'TH', makeTracking: (r) => `8${digits(r, 11)}` },
  {
    name: 'ghn',
    country: 'VN',
    makeTracking: (r) => `G${letters(r, 1)}${digits(r, 2)}${letters(r, 2)}${digits(r, 4)}`,
  },
  { name: 'jnt_vn', country: 'VN', makeTracking: (r) => `84${digits(r, 10)}` },
  { name: 'ninjavan', country: 'MY', makeTracking: (r) => `NVMY${letters(r, 4)}${digits(r, 8)}` },
  {
    name: 'poslaju',
    country: 'MY',
    makeTracking: (r) => s10(r, 'E', 'MY').replace(/^E/, `E${letters(r, 1)}`),
  },
  { name: 'royalmail', country: 'GB', makeTracking: (r) => s10(r, `${letters(r, 2)}`, 'GB') },
  { name: 'evri', country: 'GB', makeTracking: (r) => `H${digits(r, 2)}${letters(r, 3)}${digits(r, 10)}` },
  {
    name: 'usps',
    country: 'US',
    makeTracking: (r) => {
      const body = `9400${digits(r, 17)}`;
      return body + gs1CheckDigit(body);
    },
  },
  {
    name: 'ups',
    country: 'US',
    makeTracking: (r) => {
      const body = `${digits(r, 3)}${letters(r, 2)}${digits(r, 10)}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    },
  },
];
