/**
 * Schedule index (进度指数), a milestone form of earned schedule, on `asOf`:
 *
 *   schedule index = (milestones met by asOf ÷ all) ÷ (milestones due by asOf ÷ all) = met ÷ due
 *
 * - due: not cancelled, plannedDate ≤ asOf (the current plan, not the baseline;
 *   drift from the baseline is reported separately as slip);
 * - met: done with actualDate ≤ asOf, early or late, whether or not it was due
 *   yet — the index measures how much of the scheduled work is achieved;
 *   lateness is measured by the working days late.
 *
 * 1 = on schedule, below 1 = behind, above 1 = ahead. Null when nothing is due
 * yet. Rounded to two decimals.
 */
export function scheduleIndex(metByAsOf: number, dueByAsOf: number): number | null {
  if (dueByAsOf === 0) return null;
  return Math.round((metByAsOf * 100) / dueByAsOf) / 100;
}
