import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Entry, FieldNote } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import { toasts } from '../../lib/stores/toasts.svelte';
import FieldNotesPanel from './FieldNotesPanel.svelte';

const entries: Entry[] = [
  {
    code: 'PROV-01', title: 'Posyandu Digital', institution: 'Dinas Kesehatan', category: 'pd-provinsi',
    rintisan: false, description: '', withdrawn: false,
  },
  {
    code: 'PROV-02', title: 'Sekolah Ramah Anak', institution: 'Dinas Pendidikan', category: 'pd-provinsi',
    rintisan: false, description: '', withdrawn: false,
  },
];

const kept = {
  sha256: 'ab12cd34ef56'.padEnd(64, '0'),
  size: 350_000,
  width: 1600,
  height: 1200,
  taken_at: '2026-11-30T10:15:00',
  location: '-10.177200,123.607000',
};
const plain = { ...kept, sha256: '9'.repeat(64), width: 1200, height: 1600, taken_at: null, location: null };

const notes: FieldNote[] = [
  {
    stage: 'lapangan', stage_name: 'Kunjungan Lapangan', entry: 'PROV-01', juror: 'J1', juror_name: 'Maria Goreti',
    text: 'Posyandu buka tiap Senin.\nKader terlatih: 12 orang.', photos: [kept, plain], revision: 4,
    updated_at: '2026-11-30T15:00:00+08:00',
  },
  {
    stage: 'presentasi', stage_name: 'Presentasi', entry: 'PROV-01', juror: 'J2', juror_name: 'Yohanes',
    text: 'Data cakupan perlu diperbarui.', photos: [], revision: 1, updated_at: '2026-12-02T09:00:00+08:00',
  },
];

describe('FieldNotesPanel', () => {
  let calls: [string, Record<string, unknown>][];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    toasts.items = [];
    calls = [];
    let count = 0;
    URL.createObjectURL = vi.fn(() => `blob:juri/${++count}`);
    URL.revokeObjectURL = vi.fn();
    mockIPC((command, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([command, a]);
      if (command === 'chair_field_notes') return a.entry === 'PROV-01' ? notes : [];
      if (command === 'chair_photo') return new ArrayBuffer(32);
      if (command === 'plugin:dialog|save') return '/home/ketua/buku/PROV-01-J1-ab12cd34ef56.jpg';
      if (command === 'chair_save_photo') return 350_000;
      throw new Error(`unexpected ${command}`);
    });
  });

  it("lists each juror's note on a chosen entry with its photos, and saves a copy of one", async () => {
    const user = userEvent.setup();
    render(FieldNotesPanel, { entries });
    await user.type(screen.getByTestId('field-notes-entry'), 'PROV-01');
    const [first, second] = await screen.findAllByTestId('field-note');
    if (!first || !second) throw new Error('two notes expected');
    expect(calls).toContainEqual(['chair_field_notes', { entry: 'PROV-01' }]);
    expect(first).toHaveTextContent('Kunjungan Lapangan');
    expect(first).toHaveTextContent('J1 Maria Goreti');
    expect(first).toHaveTextContent('2 foto');
    expect(within(first).getByTestId('field-note-text').textContent).toBe('Posyandu buka tiap Senin.\nKader terlatih: 12 orang.');
    expect(second).toHaveTextContent('Presentasi');
    expect(second).toHaveTextContent('Data cakupan perlu diperbarui.');
    expect(within(second).queryByTestId('field-note-photo')).toBeNull();

    await waitFor(() => expect(within(first).getAllByTestId('field-note-photo')).toHaveLength(2));
    expect(calls).toContainEqual(['chair_photo', { sha256: kept.sha256 }]);
    expect(calls).toContainEqual(['chair_photo', { sha256: plain.sha256 }]);
    expect(within(first).getByTestId('field-note-photo-time')).toHaveTextContent('30 November 2026 10.15');
    expect(within(first).getByTestId('field-note-photo-place')).toHaveTextContent('-10.17720, 123.60700');
    expect(within(first).getAllByTestId('field-note-photo-time')).toHaveLength(1);
    expect(within(first).getAllByTestId('field-note-photo')[0]).toHaveAccessibleName('Foto 1 dari Maria Goreti untuk PROV-01');

    await user.click(within(first).getAllByTestId('field-note-photo-save')[0]!);
    await waitFor(() =>
      expect(calls).toContainEqual(['chair_save_photo', { sha256: kept.sha256, file: '/home/ketua/buku/PROV-01-J1-ab12cd34ef56.jpg' }]),
    );
    const dialog = calls.find(([command]) => command === 'plugin:dialog|save')?.[1] as { options: { defaultPath: string } };
    expect(dialog.options.defaultPath).toBe('PROV-01-J1-ab12cd34ef56.jpg');
    await waitFor(() => expect(toasts.items.at(-1)).toMatchObject({ kind: 'success', message: 'Salinan foto telah disimpan.' }));
  });

  it('says when an entry has no field notes yet', async () => {
    const user = userEvent.setup();
    render(FieldNotesPanel, { entries });
    await user.type(screen.getByTestId('field-notes-entry'), 'PROV-02');
    expect(await screen.findByTestId('field-notes-none')).toHaveTextContent('Belum ada catatan lapangan pada inovasi ini');
    expect(screen.queryByTestId('field-note')).toBeNull();
  });

  it('shows why a copy was not saved', async () => {
    const user = userEvent.setup();
    mockIPC((command, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      if (command === 'chair_field_notes') return a.entry === 'PROV-01' ? notes : [];
      if (command === 'chair_photo') return new ArrayBuffer(32);
      if (command === 'plugin:dialog|save') return '/home/ketua/buku/foto.jpg';
      if (command === 'chair_save_photo') throw { code: 'io', message: "'/home/ketua/buku/foto.jpg' exists already", problems: [] };
      throw new Error(`unexpected ${command}`);
    });
    render(FieldNotesPanel, { entries });
    await user.type(screen.getByTestId('field-notes-entry'), 'PROV-01');
    const [first] = await screen.findAllByTestId('field-note');
    await user.click(within(first!).getAllByTestId('field-note-photo-save')[1]!);
    await waitFor(() => expect(toasts.items.at(-1)?.kind).toBe('error'));
    expect(toasts.items.at(-1)?.detail).toContain('exists already');
  });
});
