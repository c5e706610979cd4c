/**
 * Where a fact in our data tables comes from, so a reader knows how far to trust it:
 * `official` — the authority's or carrier's own page or rule book; `reference` — our checked
 * reference notes (/work/shared/reference/), not re-read from the authority; `community` —
 * third-party code, lists or sites; `ours` — our decision or computation where no source says
 * (make it easy to correct).
 */
export type SourceKind = 'official' | 'reference' | 'community' | 'ours';

export interface FactSource {
  kind: SourceKind;
  ref: string;
}
