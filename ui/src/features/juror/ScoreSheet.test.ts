import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sheet } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import { toasts } from '../../lib/stores/toasts.svelte';
import ScoreSheet from './ScoreSheet.svelte';

const sheet: Sheet = {
  stage: 'presentasi',
  stage_name: 'Presentasi dan Wawancara',
  entry: 'PROV-01',
  title: 'SAPA NTT',
  institution: 'Dinas Kominfo',
  category: 'pd-provinsi',
  category_name: 'pd-provinsi',
  description: null,
  scale_min: '1',
  scale_max: '7',
  scale_step: '1',
  criteria: [
    { id: 'kebaharuan', name: 'Kebaharuan', weight: '60', description: '', levels: [{ score: '7', to: null, label: 'Sepenuhnya baru' }], value: null, comment: '', revision: 0, updated_at: null },
    { id: 'kemanfaatan', name: 'Kemanfaatan', weight: '40', description: '', levels: [], value: null, comment: '', revision: 0, updated_at: null },
  ],
  note: '',
  photos: [],
  submitted: false,
  filled: 0,
  total: null,
};

describe('ScoreSheet', () => {
  let saved: { criterion: string; value: string | null }[];
  let printed: unknown[];
  let opened: string[];
  let printFails: boolean;

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    saved = [];
    printed = [];
    opened = [];
    printFails = false;
    toasts.items = [];
    mockIPC((command, args) => {
      if (command === 'juror_sheet') return sheet;
      if (command === 'juror_print') {
        const { request } = args as { request: { filled: boolean } };
        printed.push(request);
        if (printFails) {
          throw { code: 'invalid', message: "you have not scored entry 'PROV-01' yet", problems: [] };
        }
        return `/data/dokumen/${request.filled ? 'lembar-penilaian' : 'lembar-kosong'}-PROV-01.pdf`;
      }
      if (command === 'open_document') {
        opened.push((args as { path: string }).path);
        return null;
      }
      if (command === 'juror_set_score') {
        const { criterion, value } = args as { criterion: string; value: string | null };
        saved.push({ criterion, value });
        return {
          stage: 'presentasi', entry: 'PROV-01', criterion, value, comment: '', revision: 1,
          updated_at: '2025-12-15T10:00:00+08:00', changed: true, filled: saved.length, criteria: 2,
          total: saved.length === 2 ? '80.00' : '51.43',
        };
      }
      throw new Error(`unexpected ${command}`);
    });
  });

  it('is scored by keyboard alone: type, Tab to the next criterion, Enter saves', async () => {
    const user = userEvent.setup();
    const heard: number[] = [];
    render(ScoreSheet, {
      stage: 'presentasi',
      entry: 'PROV-01',
      onchange: (entry) => heard.push(entry.filled),
      onnext: () => {},
    });
    const first = await screen.findByTestId('score-kebaharuan');
    expect(screen.getByText('Sepenuhnya baru')).toBeInTheDocument();
    expect(screen.getByText('bobot 60%')).toBeInTheDocument();
    await user.click(first);
    await user.keyboard('6');
    expect(screen.getByTestId('save-status')).toHaveTextContent('Belum tersimpan');
    await user.keyboard('{Tab}');
    expect(screen.getByTestId('score-kemanfaatan')).toHaveFocus();
    await user.keyboard('5{Enter}');
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Tersimpan'));
    expect(saved).toEqual([
      { criterion: 'kebaharuan', value: '6' },
      { criterion: 'kemanfaatan', value: '5' },
    ]);
    expect(screen.getByTestId('running-total')).toHaveTextContent('80,00');
    // Both criteria scored: a total, not a partial one.
    expect(screen.getByTestId('running-total')).toHaveTextContent('Total nilai');
    expect(heard).toEqual([1, 2]);
  });

  it('says why a score off the scale is not saved', async () => {
    const user = userEvent.setup();
    render(ScoreSheet, { stage: 'presentasi', entry: 'PROV-01', onchange: () => {}, onnext: () => {} });
    await user.click(await screen.findByTestId('score-kebaharuan'));
    await user.keyboard('9{Enter}');
    expect(screen.getByTestId('score-problem-kebaharuan')).toHaveTextContent('Di luar skala 1–7');
    expect(saved).toEqual([]);
  });

  it('prints the sheet with the juror\'s scores once there is one, or a blank sheet any time', async () => {
    const user = userEvent.setup();
    render(ScoreSheet, { stage: 'presentasi', entry: 'PROV-01', onchange: () => {}, onnext: () => {} });
    const filled = await screen.findByTestId('sheet-print');
    expect(filled).toHaveTextContent('Cetak lembar ini');
    expect(filled).toBeDisabled();
    expect(filled).toHaveAttribute('title', 'Belum ada nilai untuk dicetak');

    await user.click(screen.getByTestId('sheet-print-blank'));
    await waitFor(() => expect(opened).toEqual(['/data/dokumen/lembar-kosong-PROV-01.pdf']));
    expect(printed).toEqual([{ stage: 'presentasi', entry: 'PROV-01', filled: false, english: false }]);

    await user.click(screen.getByTestId('score-kebaharuan'));
    await user.keyboard('6{Enter}');
    await waitFor(() => expect(filled).toBeEnabled());
    await user.click(filled);
    await waitFor(() => expect(opened).toHaveLength(2));
    expect(printed[1]).toEqual({ stage: 'presentasi', entry: 'PROV-01', filled: true, english: false });
    expect(opened[1]).toBe('/data/dokumen/lembar-penilaian-PROV-01.pdf');
    expect(toasts.items.at(-1)).toMatchObject({ kind: 'success', detail: opened[1] });
  });

  it('shows why printing failed and opens nothing', async () => {
    const user = userEvent.setup();
    printFails = true;
    render(ScoreSheet, { stage: 'presentasi', entry: 'PROV-01', onchange: () => {}, onnext: () => {} });
    await user.click(await screen.findByTestId('sheet-print-blank'));
    await waitFor(() => expect(toasts.items.at(-1)?.kind).toBe('error'));
    expect(toasts.items.at(-1)?.detail).toContain("you have not scored entry 'PROV-01'");
    expect(opened).toEqual([]);
    expect(screen.getByTestId('sheet-print-blank')).toBeEnabled();
  });
});
