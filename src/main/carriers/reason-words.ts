import type { IncidentReason } from '../../shared/tracking';

/**
 * Why a delivery failed, read from a carrier's free-text reason when the carrier has no code for it
 * (Ninja Van's failure_reason, J&T's problem scan description). English and Malay/Thai-market
 * wording seen in carrier texts; the first rule that matches wins, nothing matching gives null (the
 * status table's reason stands). A heuristic, kept small and listed in docs/connectors.
 */
const RULES: ReadonlyArray<readonly [RegExp, IncidentReason]> = [
  [/refus|reject|declin|tolak/i, 'refused'],
  [/not (at )?home|no one|nobody|not available|unavailable|tiada orang|absent|closed/i, 'not_home'],
  [/address|alamat|wrong location|incomplete/i, 'bad_address'],
  [
    /unreachable|cannot (be )?contact|could not contact|no answer|not answer|phone|tidak dapat dihubungi/i,
    'contact_failed',
  ],
  [/reschedul|postpone|another day|request(ed)? later/i, 'rescheduled'],
  [/damage|broken|rosak/i, 'damaged'],
  [/lost|missing|hilang/i, 'lost'],
  [/customs|kastam|duty|duties/i, 'customs'],
  [/weather|flood|storm|banjir|hujan/i, 'weather'],
  [/\bcod\b|cash|payment/i, 'cod_not_ready'],
];

export function reasonFromText(text: string | null | undefined): IncidentReason | null {
  if (!text) return null;
  for (const [pattern, reason] of RULES) if (pattern.test(text)) return reason;
  return null;
}
