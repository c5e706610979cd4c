import { createHash } from 'node:crypto';
import { makeLicensePlate, parseLicensePlate } from '../../shared/returns/license-plate';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The station's code in its license plates, derived from its stable id (a UUID per data folder):
 * a letter then four letters or digits, 26 × 36⁴ ≈ 44 million codes, so a warehouse's stations
 * practically never share one, and the same folder always prints the same one.
 */
export function plateStationCode(stationId: string): string {
  const hash = createHash('sha256').update(`lastmile-plate:${stationId}`).digest();
  let code = LETTERS[(hash[0] as number) % 26] as string;
  for (let i = 1; i < 5; i++) code += ALPHANUMERIC[(hash[i] as number) % 36];
  return code;
}

/** The license plates of this station's units: the unit's row id, prefixed by the station's code. */
export class Plates {
  readonly stationCode: string;

  constructor(stationId: string) {
    this.stationCode = plateStationCode(stationId);
  }

  of(unitId: number): string {
    return makeLicensePlate(unitId, this.stationCode);
  }

  /** The unit id of one of this station's plates (or a plain plate of an earlier version), else null. */
  unitOf(code: string): number | null {
    const ref = parseLicensePlate(code);
    if (!ref) return null;
    return ref.station === null || ref.station === this.stationCode ? ref.serial : null;
  }
}
