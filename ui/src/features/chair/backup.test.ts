import { describe, expect, it, vi } from 'vitest';
import type { BackupReport, BackupStatus } from '../../lib/api';
import { Backups } from './backup.svelte';

const due: BackupStatus = {
  last_backup_at: '2025-12-14T09:00:00+08:00',
  last_backup_file: '/home/ketua/cadangan.juri-backup',
  due: true,
  changed_at: '2025-12-15T10:00:00+08:00',
};

const saved: BackupReport = {
  file: '/media/usb/cadangan-koin-2025.juri-backup',
  created_at: '2025-12-15T11:00:00+08:00',
  competition_id: 'koin-2025',
  competition_name: 'Koin Yanlik Berdasi 2025',
  size: 512000,
  database_sha256: 'ab'.repeat(32),
  bundles: 5,
  official_copies: 2,
};

describe('Backups', () => {
  it('reminds after a change no backup holds, until put off or a backup is saved', async () => {
    let status = due;
    const store = new Backups(
      async () => status,
      async () => {
        status = { ...status, due: false, changed_at: null, last_backup_at: saved.created_at };
        return saved;
      },
      async () => saved.file,
    );
    await store.refresh();
    expect(store.reminding).toBe(true);
    store.later();
    expect(store.reminding).toBe(false);
    // A newer change reminds again.
    status = { ...due, changed_at: '2025-12-15T12:00:00+08:00' };
    await store.refresh();
    expect(store.reminding).toBe(true);
    await expect(store.save('Simpan', 'Cadangan Juri', 'koin-2025')).resolves.toEqual(saved);
    expect(store.reminding).toBe(false);
    expect(store.status?.last_backup_at).toBe(saved.created_at);
  });

  it('names the file after the competition and today, and saves nothing when the chair cancels', async () => {
    const save = vi.fn(async () => saved);
    const choose = vi.fn(async () => null);
    const store = new Backups(async () => due, save, choose);
    await expect(store.save('Simpan', 'Cadangan Juri', 'koin-2025')).resolves.toBeNull();
    expect(save).not.toHaveBeenCalled();
    const [, name, filters] = choose.mock.calls[0] as unknown as [string, string, { extensions: string[] }[]];
    expect(name).toMatch(/^cadangan-koin-2025-\d{4}-\d{2}-\d{2}\.juri-backup$/);
    expect(filters[0]?.extensions).toEqual(['juri-backup']);
  });

  it('shows no reminder when no competition can be read', async () => {
    const store = new Backups(async () => {
      throw new Error('nothing open');
    });
    await store.refresh();
    expect(store.status).toBeNull();
    expect(store.reminding).toBe(false);
  });
});
