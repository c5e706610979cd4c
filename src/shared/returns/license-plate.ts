import { DEFAULT_OWN_CODE_RULES, makeStationLicensePlate, matchOwnCodes } from '../codes/own-codes';

/**
 * Our license plate on every unit received: the unit's id from receipt on. A station plate (`LP` +
 * the station's code + 8 digits + check character) is unique across stations; the plain plate
 * (`LP` + 8 digits + check digit) of earlier versions is still read.
 */
export function makeLicensePlate(serial: number, stationCode: string): string {
  return makeStationLicensePlate(stationCode, serial);
}

export interface PlateRef {
  /** The printing station's code; null for a plain plate of an earlier version. */
  station: string | null;
  serial: number;
}

/** What a well-formed license plate whose check character holds names, else null. */
export function parseLicensePlate(code: string): PlateRef | null {
  const match = matchOwnCodes(code, DEFAULT_OWN_CODE_RULES).find(
    (m) => m.kind === 'license_plate' && m.check === 'passed',
  );
  if (!match) return null;
  const { prefix, digits, stationLength = 5 } = DEFAULT_OWN_CODE_RULES.licensePlate;
  const body = code.slice(prefix.length, -1);
  if (match.format === 'own-station-license-plate') {
    return { station: body.slice(0, stationLength), serial: Number(body.slice(stationLength)) };
  }
  return body.length === digits ? { station: null, serial: Number(body) } : null;
}
