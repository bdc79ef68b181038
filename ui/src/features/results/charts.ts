// Figures behind the results charts: each juror's distribution of totals (a harsh or lenient juror
// stands out against the panel), and each entry's score with the spread of its juror totals.
import type { StageResults } from '../../lib/api';
import type { RankGroup } from '../../lib/bindings/RankGroup';

export interface JurorSpread {
  juror: string;
  totals: number[];
  mean: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Mean minus the panel's mean over the same entries' other jurors, in points. */
  offset: number;
  leaning: 'harsh' | 'lenient' | 'even';
}

/** A juror whose mean sits this many points from the panel's is called harsh or lenient. */
export const LEANING_POINTS = 5;

/** Quantile with linear interpolation between closest ranks (the usual "type 7"). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/**
 * Each juror's totals over the stage, with the juror's mean offset from the panel: for every entry
 * the juror scored, the juror's total minus the mean of the other jurors' totals on that entry.
 * Comparing on the same entries keeps a juror who drew strong entries from looking lenient.
 */
export function jurorSpreads(results: StageResults): JurorSpread[] {
  const totals = new Map<string, number[]>();
  const offsets = new Map<string, number[]>();
  for (const row of results.groups.flatMap((group) => group.rows)) {
    const values = row.juror_totals.map((item) => ({ juror: item.juror, total: item.total.value }));
    for (const { juror, total } of values) {
      if (!totals.has(juror)) totals.set(juror, []);
      totals.get(juror)!.push(total);
      const others = values.filter((other) => other.juror !== juror);
      if (others.length > 0) {
        const mean = others.reduce((sum, other) => sum + other.total, 0) / others.length;
        if (!offsets.has(juror)) offsets.set(juror, []);
        offsets.get(juror)!.push(total - mean);
      }
    }
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([juror, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const own = offsets.get(juror) ?? [];
      const offset = own.length ? own.reduce((sum, value) => sum + value, 0) / own.length : 0;
      return {
        juror,
        totals: values,
        mean: values.reduce((sum, value) => sum + value, 0) / values.length,
        min: sorted[0]!,
        q1: quantile(sorted, 0.25),
        median: quantile(sorted, 0.5),
        q3: quantile(sorted, 0.75),
        max: sorted[sorted.length - 1]!,
        offset,
        leaning: offset <= -LEANING_POINTS ? 'harsh' : offset >= LEANING_POINTS ? 'lenient' : 'even',
      };
    });
}

export interface RankBar {
  entry: string;
  title: string;
  rank: number | null;
  score: number;
  low: number;
  high: number;
  disagreement: boolean;
  advance: boolean;
}

/** The ranked entries of one group with a score, best first, at most `limit` of them. */
export function rankBars(group: RankGroup, limit: number): RankBar[] {
  return group.rows
    .filter((row) => row.score !== null)
    .slice(0, limit)
    .map((row) => {
      const values = row.juror_totals.map((item) => item.total.value);
      const score = row.score!.value;
      return {
        entry: row.entry,
        title: row.title,
        rank: row.rank,
        score,
        low: values.length ? Math.min(...values) : score,
        high: values.length ? Math.max(...values) : score,
        disagreement: row.disagreement,
        advance: row.advance === 'in',
      };
    });
}
