import {
  DEFAULT_OWN_CODE_RULES,
  makeLicensePlate as makeOwnLicensePlate,
  matchOwnCodes,
} from '../codes/own-codes';

/**
 * Our license plate on every unit received (LP + 8 digits + check digit, the code recogniser's own
 * format): the unit's id from receipt on. The 8 digits are the unit's serial at this station.
 */
export function makeLicensePlate(serial: number): string {
  return makeOwnLicensePlate(serial);
}

/** The serial of a well-formed license plate whose check digit holds, else null. */
export function parseLicensePlate(code: string): number | null {
  const ok = matchOwnCodes(code, DEFAULT_OWN_CODE_RULES).some(
    (m) => m.kind === 'license_plate' && m.check === 'passed',
  );
  if (!ok) return null;
  const { prefix, digits } = DEFAULT_OWN_CODE_RULES.licensePlate;
  return Number(code.slice(prefix.length, prefix.length + digits));
}
