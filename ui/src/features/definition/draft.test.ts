import { describe, expect, it, vi } from 'vitest';
import type { Definition, DefinitionView, Problem } from '../../lib/api';
import { DefinitionDraft, newStage, parseDecimal, showDecimal, VALIDATE_DELAY } from './draft.svelte';

const definition: Definition = {
  competition: {
    id: 'lomba',
    name: 'Lomba',
    organizer: '',
    year: 2025,
    place: 'Kupang',
    decree: '',
    blind_review: false,
  },
  categories: [{ id: 'umum', name: 'Umum' }],
  stages: [newStage('scoring', 0)],
};
const view: DefinitionView = { version: 3, toml: '', definition };

describe('parseDecimal', () => {
  const cases: [string, number | null][] = [
    ['85', 85],
    ['8,5', 8.5],
    ['8.5', 8.5],
    [' 7 ', 7],
    ['-1', -1],
    [',5', 0.5],
    ['0.125', 0.125],
    ['0.1255', null],
    ['', null],
    ['abc', null],
    ['8,5,1', null],
    ['1e3', null],
  ];
  it.each(cases)('reads %j as %j', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  it('shows numbers with the comma when asked', () => {
    expect(showDecimal(8.5, true)).toBe('8,5');
    expect(showDecimal(8.5, false)).toBe('8.5');
    expect(showDecimal(null, true)).toBe('');
  });
});

describe('DefinitionDraft', () => {
  it('validates after typing stops and keeps only the newest answer', async () => {
    vi.useFakeTimers();
    const answers: Problem[][] = [[{ place: 'stages[0]', message: 'old' }], []];
    const validate = vi.fn(async (_definition: Definition) => answers.shift() ?? []);
    const draft = new DefinitionDraft(view, validate, vi.fn());
    draft.definition.competition.name = '';
    draft.changed();
    draft.changed();
    expect(draft.checking).toBe(true);
    expect(validate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY + 1);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.calls[0]?.[0].competition.name).toBe('');
    expect(draft.problems).toEqual([{ place: 'stages[0]', message: 'old' }]);
    expect(draft.countAt('stages[0]')).toBe(1);
    draft.definition.competition.name = 'Lomba Inovasi';
    draft.changed();
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY + 1);
    expect(draft.problems).toEqual([]);
    expect(draft.checking).toBe(false);
    vi.useRealTimers();
  });

  it('reports unreadable numbers with their place and blocks saving', async () => {
    const save = vi.fn(async () => 4);
    const draft = new DefinitionDraft(view, async () => [], save);
    draft.setUnreadable('stages[0].rubric.criteria[0].weight', 'not a number');
    draft.changed();
    await draft.validate();
    expect(draft.problems).toEqual([
      { place: 'stages[0].rubric.criteria[0].weight', message: 'not a number' },
    ]);
    expect(draft.canSave).toBe(false);
    await expect(draft.save()).rejects.toThrow();
    expect(save).not.toHaveBeenCalled();

    draft.setUnreadable('stages[0].rubric.criteria[0].weight', null);
    draft.definition.competition.name = 'Lomba Inovasi';
    draft.changed();
    await draft.validate();
    expect(draft.canSave).toBe(true);
    await expect(draft.save()).resolves.toBe(4);
    expect(draft.version).toBe(4);
    expect(draft.dirty).toBe(false);
  });

  it('is not dirty when a field is left unchanged or changed back', async () => {
    const draft = new DefinitionDraft(view, async () => []);
    draft.changed();
    expect(draft.dirty).toBe(false);
    expect(draft.checking).toBe(false);
    draft.definition.competition.name = 'Lain';
    draft.changed();
    expect(draft.dirty).toBe(true);
    expect(draft.canSave).toBe(true);
    draft.definition.competition.name = 'Lomba';
    draft.changed();
    expect(draft.dirty).toBe(false);
    await draft.validate();
  });

  it('turns a refused validation into a problem', async () => {
    const draft = new DefinitionDraft(view, async () => {
      throw { code: 'invalid_definition', message: 'bad', problems: [] };
    });
    await draft.validate();
    expect(draft.problems).toEqual([{ place: 'definition', message: 'bad' }]);
  });

  it('keeps what the conversions do to a final beside the problems, without blocking a save', async () => {
    const warning = {
      final_stage: 'final',
      stage: 'presentasi',
      stage_name: 'Presentasi',
      weight: 30,
      effective: { value: 25.714, display: '25.71', exact: '180/7' },
      lowest: { value: 14.286, display: '14.29', exact: '100/7' },
      scale: { min: 1, max: 7, step: 1 },
      conversion: 'of-max' as const,
    };
    const warn = vi.fn(async (_definition: Definition) => [warning]);
    const draft = new DefinitionDraft(view, async () => [], vi.fn(async () => 4), warn);
    await draft.validate();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(draft.warnings).toEqual([warning]);
    draft.definition.competition.name = 'Lain';
    draft.changed();
    expect(draft.canSave).toBe(true);
    // A failed warning check says nothing rather than blocking the forms.
    const quiet = new DefinitionDraft(view, async () => [], vi.fn(), async () => {
      throw new Error('offline');
    });
    await quiet.validate();
    expect(quiet.warnings).toEqual([]);
    expect(quiet.problems).toEqual([]);
  });

  it('adds, moves and removes stages without touching the original', () => {
    const draft = new DefinitionDraft(view, async () => []);
    const index = draft.addStage('final');
    expect(index).toBe(1);
    expect(draft.dirty).toBe(true);
    expect(draft.definition.stages[1]!.kind).toBe('final');
    draft.moveStage(1, -1);
    expect(draft.definition.stages.map((stage) => stage.kind)).toEqual(['final', 'scoring']);
    draft.removeStage(0);
    expect(draft.definition.stages).toHaveLength(1);
    expect(view.definition.stages).toHaveLength(1);
    // Back where it started: nothing to save.
    expect(draft.dirty).toBe(false);
  });
});
