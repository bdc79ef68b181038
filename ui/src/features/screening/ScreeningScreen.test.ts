import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryScreening, Overview, Screening, StageResults } from '../../lib/api';
import type { RankedEntry } from '../../lib/bindings/RankedEntry';
import { setLocale, setupI18n } from '../../lib/i18n';
import { confirmQueue } from '../../lib/stores/confirm.svelte';
import { competition } from '../chair/competition.svelte';
import ScreeningScreen from './ScreeningScreen.svelte';

const overview: Overview = {
  competition_id: 'koin-2025',
  name: 'Koin Yanlik Berdasi 2025',
  definition_version: 1,
  entries: 2,
  jurors: 1,
  current_stage: 'administrasi',
  stages: [
    { id: 'administrasi', name: 'Seleksi Administrasi', kind: 'screening', finalized_at: null, pool: 2, assigned: 0, submitted: 0 },
  ],
  categories: [{ id: 'upt', name: 'UPT/UPTD' }],
  archived_at: null,
};

const definition = {
  version: 1,
  toml: '',
  definition: {
    competition: { id: 'koin-2025', name: 'Koin Yanlik Berdasi 2025' },
    categories: [{ id: 'upt', name: 'UPT/UPTD' }],
    stages: [
      {
        id: 'administrasi',
        name: 'Seleksi Administrasi',
        kind: 'screening',
        checklist: [
          { id: 'berkas', label: 'Berkas lengkap' },
          { id: 'setahun', label: 'Diterapkan paling singkat satu tahun', applies_to: { entries: 'regular' } },
        ],
        reasons: [{ code: 'ADM-1', label: 'Berkas tidak lengkap' }],
      },
    ],
  },
};

function row(entry: string, rintisan: boolean, advance: 'in' | null = null): RankedEntry {
  return {
    entry, title: `Inovasi ${entry}`, institution: 'UPTD', category: 'upt', rintisan, juror_totals: [],
    missing_jurors: [], components: [], score: null, rank: null, tie: 'none', advance, award: null,
    award_place: null, award_undecided: false, spread: null, disagreement: false, disqualified: null,
  } as unknown as RankedEntry;
}

function results(rows: RankedEntry[]): StageResults {
  return {
    stage: 'administrasi', stage_name: 'Seleksi Administrasi', kind: 'screening', method: 'mean', trim: 0,
    scope: 'category', groups: [{ category: 'upt', name: 'UPT/UPTD', rows }],
    unresolved_ties: [], undecided: [], provisional: false, finalized_at: null,
  } as unknown as StageResults;
}

describe('ScreeningScreen', () => {
  let recorded: Screening[][];
  let entries: EntryScreening[];
  let ranked: RankedEntry[];

  beforeEach(async () => {
    setupI18n();
    setLocale('id');
    recorded = [];
    ranked = [row('UPT-01', false), row('UPT-02', true)];
    entries = [
      { entry: 'UPT-01', applies: ['berkas', 'setahun'], recorded: null },
      { entry: 'UPT-02', applies: ['berkas'], recorded: null },
    ];
    mockIPC((command, args) => {
      if (command === 'chair_start') return { competition: overview, demoRequested: false };
      if (command === 'chair_overview') return overview;
      if (command === 'chair_definition') return definition;
      if (command === 'chair_results') return results(ranked);
      if (command === 'chair_screening') return entries;
      if (command === 'chair_screen') {
        recorded.push((args as { records: Screening[] }).records);
        return null;
      }
      throw new Error(`unexpected ${command}`);
    });
    await competition.load();
  });

  async function rows(): Promise<[HTMLElement, HTMLElement]> {
    render(ScreeningScreen);
    await waitFor(() => expect(screen.getByTestId('screening-row-UPT-02')).toHaveTextContent('2: t.b.'));
    return [screen.getByTestId('screening-row-UPT-01'), screen.getByTestId('screening-row-UPT-02')];
  }

  it('passes an entry only once every item that applies to it is ticked, and records them', async () => {
    const user = userEvent.setup();
    const [regular] = await rows();
    const pass = within(regular).getByRole('button', { name: 'Lolos' });
    expect(pass).toBeDisabled();
    expect(pass).toHaveAttribute('title', expect.stringContaining('Centang semua butir'));
    await user.click(within(regular).getByLabelText('UPT-01 memenuhi: Berkas lengkap'));
    expect(pass).toBeDisabled();
    await user.click(within(regular).getByLabelText('UPT-01 memenuhi: Diterapkan paling singkat satu tahun'));
    expect(pass).toBeEnabled();
    await user.click(pass);
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toEqual([
      { entry: 'UPT-01', passed: true, reasons: [], note: '', met: ['berkas', 'setahun'] },
    ]);
  });

  it('shows n/a for an item that does not apply, and fails an entry with its items, reason and note', async () => {
    const user = userEvent.setup();
    const [, rintisan] = await rows();
    expect(within(rintisan).queryByLabelText(/Diterapkan paling singkat/)).toBeNull();
    expect(within(rintisan).getByRole('button', { name: 'Lolos' })).toBeDisabled();
    await user.type(within(rintisan).getByLabelText('Catatan untuk UPT-02'), 'video tidak ada');
    await user.click(within(rintisan).getByRole('button', { name: 'Tidak lolos' }));
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toEqual([
      { entry: 'UPT-02', passed: false, reasons: ['ADM-1'], note: 'video tidak ada', met: [] },
    ]);
  });

  it('shows the items recorded, and passes every unchecked entry with the items that apply to it met', async () => {
    const user = userEvent.setup();
    ranked = [row('UPT-01', false), row('UPT-02', true, 'in')];
    entries = [
      { entry: 'UPT-01', applies: ['berkas', 'setahun'], recorded: null },
      { entry: 'UPT-02', applies: ['berkas'], recorded: { entry: 'UPT-02', passed: true, reasons: [], note: '', met: ['berkas'] } },
    ];
    const [regular, rintisan] = await rows();
    await waitFor(() => expect(within(rintisan).getByLabelText('UPT-02 memenuhi: Berkas lengkap')).toBeChecked());
    expect(within(regular).getByLabelText('UPT-01 memenuhi: Berkas lengkap')).not.toBeChecked();
    await user.click(screen.getByTestId('screening-pass-all'));
    await waitFor(() => expect(confirmQueue.current?.message).toContain('semua butir pemeriksaan yang berlaku'));
    confirmQueue.answer(true);
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toEqual([
      { entry: 'UPT-01', passed: true, reasons: [], note: '', met: ['berkas', 'setahun'] },
    ]);
  });
});
