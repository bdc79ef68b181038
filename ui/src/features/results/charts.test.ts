import { describe, expect, it } from 'vitest';
import type { StageResults } from '../../lib/api';
import type { RankedEntry } from '../../lib/bindings/RankedEntry';
import { jurorSpreads, quantile, rankBars } from './charts';

function score(value: number) {
  return { value, display: value.toFixed(2), exact: String(value) };
}

function row(entry: string, totals: Record<string, number>, rank: number): RankedEntry {
  const values = Object.values(totals);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    entry,
    title: `Inovasi ${entry}`,
    institution: '',
    category: 'umum',
    rintisan: false,
    juror_totals: Object.entries(totals).map(([juror, total]) => ({ juror, total: score(total) })),
    missing_jurors: [],
    components: [],
    score: score(mean),
    rank,
    tie: { state: 'none' },
    advance: rank <= 1 ? 'in' : 'out',
    award: null,
    award_place: null,
    award_undecided: false,
    spread: score(Math.max(...values) - Math.min(...values)),
    disagreement: Math.max(...values) - Math.min(...values) > 15,
    disqualified: null,
  };
}

const results: StageResults = {
  stage: 'proposal',
  stage_name: 'Proposal',
  kind: 'scoring',
  method: 'mean',
  trim: 1,
  scope: 'category',
  groups: [
    {
      category: 'umum',
      name: 'Umum',
      rows: [
        row('A', { J1: 90, J2: 80, J3: 70 }, 1),
        row('B', { J1: 80, J2: 70, J3: 60 }, 2),
        row('C', { J1: 70, J2: 60, J3: 40 }, 3),
      ],
    },
  ],
  agreement: { alpha: null, kendall_w: null },
  excluded_cells: 0,
  unresolved_ties: [],
  undecided: [],
  provisional: false,
  finalized_at: null,
};

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.75)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('jurorSpreads', () => {
  it('finds the lenient and the harsh juror against the others on the same entries', () => {
    const spreads = jurorSpreads(results);
    expect(spreads.map((s) => s.juror)).toEqual(['J1', 'J2', 'J3']);
    const [j1, j2, j3] = spreads;
    expect(j1!.mean).toBe(80);
    expect(j1!.offset).toBeCloseTo(((90 - 75) + (80 - 65) + (70 - 50)) / 3);
    expect(j1!.leaning).toBe('lenient');
    expect(j2!.leaning).toBe('even');
    expect(j3!.leaning).toBe('harsh');
    expect(j3!.min).toBe(40);
    expect(j3!.median).toBe(60);
    expect(j3!.max).toBe(70);
  });
});

describe('rankBars', () => {
  it('keeps scored rows best first with their juror range', () => {
    const bars = rankBars(results.groups[0]!, 2);
    expect(bars).toEqual([
      { entry: 'A', title: 'Inovasi A', rank: 1, score: 80, low: 70, high: 90, disagreement: true, advance: true },
      { entry: 'B', title: 'Inovasi B', rank: 2, score: 70, low: 60, high: 80, disagreement: true, advance: false },
    ]);
  });
});
