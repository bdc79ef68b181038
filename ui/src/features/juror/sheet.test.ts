import { describe, expect, it, vi } from 'vitest';
import type { SavedCell, Sheet } from '../../lib/api';
import { AUTOSAVE_DELAY, scoreProblem, SheetEditor } from './sheet.svelte';

function sheet(values: (string | null)[] = [null, null], submitted = false): Sheet {
  return {
    stage: 'proposal',
    stage_name: 'Penilaian Proposal',
    entry: 'PD-01',
    title: 'Layanan Keliling',
    institution: 'Dinas Kesehatan',
    category: 'pd',
    category_name: 'pd',
    description: null,
    scale_min: '1',
    scale_max: '7',
    scale_step: '0.5',
    criteria: ['kebaruan', 'manfaat'].map((id, index) => ({
      id,
      name: id,
      weight: '50',
      description: '',
      levels: [],
      value: values[index] ?? null,
      comment: '',
      revision: values[index] ? 1 : 0,
      updated_at: null,
    })),
    note: '',
    photos: [],
    submitted,
    filled: values.filter(Boolean).length,
    total: null,
  };
}

function saved(criterion: string, value: string | null, filled: number, total: string | null): SavedCell {
  return {
    stage: 'proposal',
    entry: 'PD-01',
    criterion,
    value,
    comment: '',
    revision: 1,
    updated_at: '2025-10-01T10:00:00+08:00',
    changed: true,
    filled,
    criteria: 2,
    total,
  };
}

describe('scoreProblem', () => {
  const scale = { min: 1, max: 7, step: 0.5 };
  const cases: [string, ReturnType<typeof scoreProblem>][] = [
    ['', null],
    ['5', null],
    ['6,5', null],
    ['6.5', null],
    ['7', null],
    ['0', 'outOfRange'],
    ['7,5', 'outOfRange'],
    ['6,3', 'offStep'],
    ['abc', 'notANumber'],
  ];
  it.each(cases)('%j → %j', (text, expected) => {
    expect(scoreProblem(text, scale)).toBe(expected);
  });

  it('handles steps of a tenth exactly', () => {
    expect(scoreProblem('8.3', { min: 6, max: 10, step: 0.1 })).toBeNull();
    expect(scoreProblem('8.35', { min: 6, max: 10, step: 0.1 })).toBe('offStep');
  });
});

describe('SheetEditor', () => {
  function editor(initial = sheet()) {
    const api = {
      setScore: vi.fn(async (_s: string, _e: string, criterion: string, value: string | null) =>
        saved(criterion, value, 1, '71.43'),
      ),
      setNote: vi.fn(async () => 1),
      submitSheet: vi.fn(async () => sheet(['5', '6'], true)),
    };
    const heard: number[] = [];
    return { api, heard, editor: new SheetEditor(initial, api, (e) => heard.push(e.filled)) };
  }

  it('saves on demand, shows the running total and reports saved', async () => {
    const { api, heard, editor: e } = editor();
    expect(e.status).toBe('saved');
    e.type('kebaruan', '6,5');
    expect(e.status).toBe('dirty');
    await e.save('kebaruan');
    expect(api.setScore).toHaveBeenCalledWith('proposal', 'PD-01', 'kebaruan', '6,5');
    expect(e.status).toBe('saved');
    expect(e.total).toBe('71.43');
    expect(e.filled).toBe(1);
    expect(heard).toEqual([1]);
    // Saving the same text again asks nothing of the Rust side.
    await e.save('kebaruan');
    expect(api.setScore).toHaveBeenCalledTimes(1);
  });

  it('saves on its own after typing stops', async () => {
    vi.useFakeTimers();
    const { api, editor: e } = editor();
    e.type('manfaat', '5');
    e.type('manfaat', '5,5');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY + 1);
    expect(api.setScore).toHaveBeenCalledTimes(1);
    expect(api.setScore.mock.calls[0]?.[3]).toBe('5,5');
    expect(e.status).toBe('saved');
    vi.useRealTimers();
  });

  it('never sends a score off the scale and says why', async () => {
    const { api, editor: e } = editor();
    e.type('kebaruan', '9');
    expect(e.problems.kebaruan).toBe('outOfRange');
    await e.save('kebaruan');
    expect(api.setScore).not.toHaveBeenCalled();
    expect(e.status).toBe('dirty');
    e.type('kebaruan', '');
    expect(e.problems.kebaruan).toBeUndefined();
    expect(e.status).toBe('saved');
  });

  it('shows a refused save as an error', async () => {
    const { api, editor: e } = editor();
    api.setScore.mockRejectedValueOnce({ code: 'invalid_input', message: 'recused', problems: [] });
    e.type('kebaruan', '5');
    await e.save('kebaruan');
    expect(e.status).toBe('error');
    expect(e.problems.kebaruan).toBe('recused');
  });

  it('saves pending notes before submitting, then locks the sheet', async () => {
    const { api, editor: e } = editor(sheet(['5', null]));
    e.typeNote('Kunjungan lapangan: layanan berjalan.');
    e.type('manfaat', '6');
    await e.submit(true);
    expect(api.setNote).toHaveBeenCalledWith('proposal', 'PD-01', 'Kunjungan lapangan: layanan berjalan.');
    expect(api.setScore).toHaveBeenCalledWith('proposal', 'PD-01', 'manfaat', '6');
    expect(api.submitSheet).toHaveBeenCalledWith('proposal', 'PD-01', true);
    expect(e.locked).toBe(true);
    expect(e.texts.kebaruan).toBe('5');
  });
});
