import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryProgress, JurorStart, Sheet } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import ScoringScreen from './ScoringScreen.svelte';
import { workspace } from './workspace.svelte';

const start: JurorStart = {
  info: {
    competition_id: 'kipp-2025', competition_name: 'KIPP 2025', juror: 'J5', juror_name: 'Antónia',
    package_version: 1, chair_key: 'ab12', exports: 0, unlocked: false,
  },
  stages: [{ stage: 'presentasi', name: 'Presentasi', assigned: 2, scored: 0, submitted: 0 }],
};

function entry(code: string, filled: number): EntryProgress {
  return {
    code, title: `Inovasi ${code}`, institution: null, category: 'pd', category_name: 'Perangkat Daerah', rintisan: false, filled,
    criteria: 2, submitted: false, total: null,
  };
}

const sheet: Sheet = {
  stage: 'presentasi', stage_name: 'Presentasi', entry: 'E-01', title: 'Inovasi E-01',
  institution: null, category: 'pd', category_name: 'Perangkat Daerah', description: null, scale_min: '1', scale_max: '7',
  scale_step: '1', criteria: [], note: '', photos: [], submitted: false, filled: 0, total: null,
};

describe('ScoringScreen printing', () => {
  let entries: EntryProgress[];
  let printed: unknown[];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    printed = [];
    entries = [entry('E-01', 0), entry('E-02', 0)];
    mockIPC((command, args) => {
      if (command === 'juror_start') return start;
      if (command === 'juror_entries') return entries;
      if (command === 'juror_sheet') return sheet;
      if (command === 'juror_documents') return [];
      if (command === 'juror_print') {
        printed.push((args as { request: unknown }).request);
        return '/data/dokumen/lembar.pdf';
      }
      if (command === 'open_document') return null;
      throw new Error(`unexpected ${command}`);
    });
  });

  async function openMenu(user: ReturnType<typeof userEvent.setup>): Promise<void> {
    render(ScoringScreen);
    await waitFor(() => expect(screen.getByTestId('scoring-progress')).toHaveTextContent('0 dari 2'));
    await user.click(screen.getByTestId('stage-print'));
    await waitFor(() => expect(screen.getByTestId('stage-print-filled')).toBeVisible());
  }

  it('offers blank sheets of the stage, and filled ones only once something is scored', async () => {
    const user = userEvent.setup();
    await workspace.load();
    await openMenu(user);
    expect(screen.getByTestId('stage-print-filled')).toBeDisabled();
    expect(screen.getByTestId('stage-print-filled')).toHaveAttribute('title', 'Belum ada nilai untuk dicetak');
    await user.click(screen.getByTestId('stage-print-blank'));
    await waitFor(() => expect(printed).toHaveLength(1));
    expect(printed[0]).toEqual({ stage: 'presentasi', entry: null, filled: false, english: false });
    // Printing closes the menu.
    await waitFor(() => expect(screen.getByTestId('stage-print-filled')).not.toBeVisible());
  });

  it('prints every scored sheet of the stage; Escape closes the menu', async () => {
    const user = userEvent.setup();
    entries = [entry('E-01', 1), entry('E-02', 0)];
    await workspace.load();
    await openMenu(user);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByTestId('stage-print-filled')).not.toBeVisible());
    expect(screen.getByTestId('stage-print')).toHaveFocus();
    await user.click(screen.getByTestId('stage-print'));
    await waitFor(() => expect(screen.getByTestId('stage-print-filled')).toBeEnabled());
    await user.click(screen.getByTestId('stage-print-filled'));
    await waitFor(() => expect(printed).toHaveLength(1));
    expect(printed[0]).toEqual({ stage: 'presentasi', entry: null, filled: true, english: false });
  });
});
