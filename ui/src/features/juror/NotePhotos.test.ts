import { mockIPC } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddedPhoto, NotePhotoView, Sheet } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import { toasts } from '../../lib/stores/toasts.svelte';
import NotePhotos from './NotePhotos.svelte';
import ScoreSheet from './ScoreSheet.svelte';

function photo(n: number, extra: Partial<NotePhotoView> = {}): NotePhotoView {
  return {
    sha256: String(n).repeat(64).slice(0, 64),
    size: 340 * 1024,
    width: 1600,
    height: 1200,
    taken_at: null,
    location: null,
    ...extra,
  };
}

const HEIC_REFUSAL =
  "'IMG_0001.HEIC' is a HEIC photo, which this computer cannot read: choose a JPEG (on an iPhone, Settings › Camera › Formats › Most Compatible, or share the photo as JPEG)";

describe('the photos on a juror\'s note', () => {
  let calls: [string, Record<string, unknown>][];
  let picked: string | null;
  let onNote: NotePhotoView[];
  let next: NotePhotoView;
  let created: string[];
  let revoked: string[];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    toasts.items = [];
    calls = [];
    picked = '/home/maria/Gambar/kunjungan-desa.jpg';
    onNote = [photo(1)];
    next = photo(2, { taken_at: '2026-11-30T10:15:00', location: '-10.177200,123.607000' });
    created = [];
    revoked = [];
    URL.createObjectURL = vi.fn(() => {
      const url = `blob:juri/${created.length + 1}`;
      created.push(url);
      return url;
    });
    URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
    mockIPC((command, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([command, a]);
      if (command === 'plugin:dialog|open') return picked;
      if (command === 'juror_note_photo') return new ArrayBuffer(16);
      if (command === 'juror_add_note_photo') {
        if (String(a.file).toLowerCase().endsWith('.heic')) {
          throw { code: 'invalid_input', message: HEIC_REFUSAL, problems: [] };
        }
        const already = onNote.some((p) => p.sha256 === next.sha256);
        if (!already) onNote.push(next);
        const added: AddedPhoto = { photo: next, revision: 3, added: !already, original_size: 4_200_000 };
        return added;
      }
      if (command === 'juror_remove_note_photo') {
        onNote = onNote.filter((p) => p.sha256 !== a.sha256);
        return 4;
      }
      if (command === 'juror_sheet') return sheet(onNote);
      throw new Error(`unexpected ${command}`);
    });
  });

  function sheet(photos: NotePhotoView[]): Sheet {
    return {
      stage: 'lapangan', stage_name: 'Kunjungan Lapangan', entry: 'PROV-01', title: 'SAPA NTT',
      institution: null, category: 'pd', category_name: 'Perangkat Daerah', description: null,
      scale_min: '1', scale_max: '7', scale_step: '1', criteria: [], note: 'Desa Oelnasi', photos,
      submitted: false, filled: 0, total: null,
    };
  }

  function show(photos: NotePhotoView[] = onNote): void {
    render(NotePhotos, { stage: 'lapangan', entry: 'PROV-01', photos: [...photos] });
  }

  it('adds a photo with the time and place kept when the box is ticked, and shows both thumbnails', async () => {
    const user = userEvent.setup();
    show();
    expect(await screen.findAllByTestId('note-photo')).toHaveLength(1);
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('1 dari 10 foto');
    const keep = screen.getByTestId('note-keep-location');
    expect(keep).not.toBeChecked();
    await user.click(keep);
    await user.click(screen.getByTestId('note-add-photo'));

    await waitFor(() => expect(screen.getAllByTestId('note-photo')).toHaveLength(2));
    expect(calls).toContainEqual([
      'juror_add_note_photo',
      { stage: 'lapangan', entry: 'PROV-01', file: '/home/maria/Gambar/kunjungan-desa.jpg', keepLocation: true },
    ]);
    expect(calls).toContainEqual(['juror_note_photo', { sha256: next.sha256 }]);
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('2 dari 10 foto');
    expect(toasts.items.at(-1)).toMatchObject({ kind: 'success', message: 'Foto ditambahkan (340 KB; berkas yang dipilih 4,0 MB).' });
    // The dialog offers the photo types, HEIC among them so that its refusal can say what to do.
    const open = calls.find(([command]) => command === 'plugin:dialog|open')?.[1] as { options: { filters: { extensions: string[] }[] } };
    expect(open.options.filters[0]?.extensions).toEqual(['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif']);
    // Each thumbnail says its pixels, and when and where when kept.
    const second = screen.getByRole('button', { name: 'Tampilkan foto 2 lebih besar' });
    expect(second).toHaveAttribute('title', '1600 × 1200 px · 340 KB · 30 November 2026 10.15 · -10.17720, 123.60700');
    expect(screen.getByRole('button', { name: 'Tampilkan foto 1 lebih besar' })).toHaveAttribute('title', '1600 × 1200 px · 340 KB');
  });

  it('leaves the time and place out unless asked', async () => {
    const user = userEvent.setup();
    show([]);
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('0 dari 10 foto');
    await user.click(screen.getByTestId('note-add-photo'));
    await waitFor(() => expect(screen.getAllByTestId('note-photo')).toHaveLength(1));
    expect(calls.find(([command]) => command === 'juror_add_note_photo')?.[1]).toMatchObject({ keepLocation: false });
  });

  it('removes a photo and releases its image', async () => {
    const user = userEvent.setup();
    onNote = [photo(1), photo(3)];
    show();
    await waitFor(() => expect(screen.getAllByTestId('note-photo')).toHaveLength(2));
    const firstUrl = screen.getAllByTestId('note-photo')[0]?.getAttribute('src');
    await user.click(screen.getByRole('button', { name: 'Hapus foto 1' }));
    await waitFor(() => expect(screen.getAllByTestId('note-photo')).toHaveLength(1));
    expect(calls).toContainEqual(['juror_remove_note_photo', { stage: 'lapangan', entry: 'PROV-01', sha256: photo(1).sha256 }]);
    expect(revoked).toContain(firstUrl);
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('1 dari 10 foto');
    expect(screen.getByRole('button', { name: 'Hapus foto 1' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hapus foto 2' })).toBeNull();
  });

  it("shows the backend's refusal of a HEIC photo, and adds nothing", async () => {
    const user = userEvent.setup();
    picked = '/home/maria/iPhone/IMG_0001.HEIC';
    show();
    await user.click(screen.getByTestId('note-add-photo'));
    const problem = await screen.findByTestId('note-photo-problem');
    expect(problem).toHaveTextContent('Foto tidak ditambahkan');
    expect(problem).toHaveTextContent('choose a JPEG');
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('1 dari 10 foto');
    expect(screen.getByTestId('note-add-photo')).toBeEnabled();
  });

  it('says when the photo was on the note already', async () => {
    const user = userEvent.setup();
    onNote = [photo(1), next];
    show();
    await user.click(screen.getByTestId('note-add-photo'));
    expect(await screen.findByTestId('note-photo-already')).toHaveTextContent('Foto itu sudah ada pada catatan ini.');
    expect(screen.getAllByTestId('note-photo-remove')).toHaveLength(2);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const user = userEvent.setup();
    picked = null;
    show();
    await user.click(screen.getByTestId('note-add-photo'));
    expect(calls.some(([command]) => command === 'juror_add_note_photo')).toBe(false);
  });

  it('takes no more photos than a note carries', async () => {
    onNote = Array.from({ length: 10 }, (_, index) => photo(index, { sha256: index.toString(16).padStart(64, 'a') }));
    show();
    expect(screen.getByTestId('note-add-photo')).toBeDisabled();
    expect(screen.getByTestId('note-photos-full')).toHaveTextContent('paling banyak 10 foto');
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('10 dari 10 foto');
  });

  it('shows a photo large on a click; Escape closes it', async () => {
    const user = userEvent.setup();
    onNote = [photo(1, { taken_at: '2026-11-30T10:15:00' })];
    show();
    await screen.findByTestId('note-photo');
    await user.click(screen.getByRole('button', { name: 'Tampilkan foto 1 lebih besar' }));
    const overlay = await screen.findByTestId('photo-overlay');
    expect(overlay).toHaveAccessibleName('Foto 1 pada catatan PROV-01');
    expect(overlay).toHaveTextContent('30 November 2026 10.15');
    await waitFor(() => expect(screen.getByTestId('photo-overlay-close')).toHaveFocus());
    await fireEvent.keyDown(overlay, { key: 'Escape' });
    expect(screen.queryByTestId('photo-overlay')).toBeNull();
  });

  it('is under the note of the score sheet, seeded with the photos the sheet came with', async () => {
    onNote = [photo(1), photo(3)];
    render(ScoreSheet, { stage: 'lapangan', entry: 'PROV-01', onchange: () => {}, onnext: () => {} });
    await waitFor(() => expect(screen.getAllByTestId('note-photo')).toHaveLength(2));
    expect(screen.getByTestId('sheet-note')).toHaveValue('Desa Oelnasi');
    expect(screen.getByTestId('note-photo-count')).toHaveTextContent('2 dari 10 foto');
  });
});
