import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import type { Definition } from './bindings/Definition';
import type { Rubric } from './bindings/Rubric';
import { countsFromMinimum, lowestTotal, rubricFormula, stageFormula } from './formula';
import { setLocale, setupI18n, t } from './i18n';

const storage = { getItem: () => 'id', setItem: () => undefined };

function rubric(min: number, max: number, conversion?: 'of-max' | 'range'): Rubric {
  return {
    scale: { min, max, step: 1 },
    ...(conversion ? { conversion } : {}),
    criteria: [{ id: 'a', name: 'A', weight: 100 }],
  } as Rubric;
}

describe('formulas in words', () => {
  setupI18n(storage);

  it('say how a score becomes its share, by conversion', () => {
    setLocale('id', storage);
    expect(rubricFormula(rubric(1, 7), get(t), 'id')).toBe(
      'Nilai juri = Σ bobot × skor ÷ 7 (dibagi nilai maksimal skala 1–7)',
    );
    expect(rubricFormula(rubric(6, 10, 'range'), get(t), 'id')).toBe(
      'Nilai juri = Σ bobot × (skor − 6) ÷ (10 − 6) (skala 6–10 dihitung dari nilai terendahnya)',
    );
    // On a scale from 0 both conversions are one formula.
    expect(countsFromMinimum(rubric(0, 100, 'range'))).toBe(false);
    expect(lowestTotal(rubric(1, 7))).toBeCloseTo(14.2857, 3);
    expect(lowestTotal(rubric(6, 10))).toBe(60);
    expect(lowestTotal(rubric(6, 10, 'range'))).toBe(0);
  });

  it('say how a final combines its stages, in the reader language', () => {
    setLocale('en', storage);
    const definition = {
      competition: { id: 'x', name: 'X' },
      categories: [],
      stages: [
        { id: 'p', name: 'Proposal', kind: 'scoring', rubric: rubric(0, 100) },
        { id: 'f', name: 'Final', kind: 'final', combine: [{ stage: 'p', weight: 100 }] },
        { id: 's', name: 'Screening', kind: 'screening' },
      ],
    } as unknown as Definition;
    expect(stageFormula(definition, 'f', get(t), 'en')).toBe('Final score = 100 % × Proposal');
    expect(stageFormula(definition, 'p', get(t), 'en')).toBe(
      'Juror total = Σ weight × score ÷ 100 (divided by the maximum of the 0–100 scale)',
    );
    expect(stageFormula(definition, 's', get(t), 'en')).toBeNull();
    setLocale('id', storage);
  });
});

describe('scores that round alike', () => {
  it('get the decimals that tell them apart', async () => {
    const { decimalsToTellApart, scoreText } = await import('./decimal');
    const a = { value: 2113 / 36, display: '58.69', exact: '2113/36' };
    const b = { value: 939 / 16, display: '58.69', exact: '939/16' };
    const c = { value: 70, display: '70.00', exact: '70' };
    expect(decimalsToTellApart([a, b, c, null])).toBe(3);
    expect(decimalsToTellApart([a, a, c])).toBe(2);
    expect(scoreText(a, 3, true)).toBe('58,694');
    expect(scoreText(b, 3, false)).toBe('58.688');
    expect(scoreText(c, 2, true)).toBe('70,00');
  });
});
