/** One measured figure beside the limit it is compared with, measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  limitName: string;
  limitValue: number;
  /** value ÷ limitValue for throughputs (higher is better), limitValue ÷ value for times — so 1.0 = as good as the limit. */
  ratio: number;
  notes?: string;
}

/** Ratio where both figures are "higher is better" (requests/s, rows/s). */
export function throughputRatio(value: number, limit: number): number {
  return limit === 0 ? 0 : value / limit;
}

/** Ratio where both figures are "lower is better" (ms). */
export function durationRatio(value: number, limit: number): number {
  return value === 0 ? 0 : limit / value;
}
