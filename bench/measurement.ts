/** A figure is compared with its target either directly or as a ratio to its baseline. */
export interface Target {
  on: 'ratio' | 'figure';
  op: '<=' | '>=';
  value: number;
}

export interface Measurement {
  /** Stable key for scripts reading the JSON, e.g. `commit.p99`. */
  id: string;
  name: string;
  unit: string;
  figure: number;
  baseline: { name: string; value: number } | null;
  /** figure ÷ baseline, when there is a baseline. */
  ratio: number | null;
  target: Target | null;
  /** null for figures reported for context only. */
  pass: boolean | null;
  details?: Record<string, unknown>;
}

export interface MeasurementInput {
  id: string;
  name: string;
  unit: string;
  figure: number;
  baseline?: { name: string; value: number };
  target?: Target;
  details?: Record<string, unknown>;
}

/** Derives the ratio and the verdict, so no case can report a pass its numbers do not support. */
export function measurement(input: MeasurementInput): Measurement {
  const baseline = input.baseline ?? null;
  const ratio = baseline && baseline.value !== 0 ? input.figure / baseline.value : null;
  const target = input.target ?? null;
  let pass: boolean | null = null;
  if (target) {
    const compared = target.on === 'ratio' ? ratio : input.figure;
    if (compared === null || !Number.isFinite(compared)) pass = false;
    else pass = target.op === '<=' ? compared <= target.value : compared >= target.value;
  }
  return {
    id: input.id,
    name: input.name,
    unit: input.unit,
    figure: input.figure,
    baseline,
    ratio,
    target,
    pass,
    ...(input.details ? { details: input.details } : {}),
  };
}

export function describeTarget(target: Target | null, unit: string): string {
  if (!target) return '';
  const op = target.op === '<=' ? '≤' : '≥';
  if (target.on === 'ratio') return `${op} ${formatNumber(target.value)}×`;
  return `${op} ${formatNumber(target.value)} ${unit}`;
}

/** Three significant figures for small numbers, thousands separators for large ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}
