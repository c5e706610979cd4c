import { lookupKeys } from '../../shared/codes/lookup-keys';
import { recognise } from '../../shared/codes/recognise';
import { normaliseScan } from '../../shared/scan-code';

/**
 * What the bench looks a scan up by: the normalised code, then what the code recogniser read in
 * the raw one (a tracking number inside a GS1 string, an IMpb without its routing prefix…).
 */
export function scanKeys(raw: string): { code: string; symbology: string | null; keys: string[] } {
  const { code, symbology } = normaliseScan(raw);
  return { code, symbology, keys: [code, ...lookupKeys(recognise(raw)).filter((k) => k !== code)] };
}
