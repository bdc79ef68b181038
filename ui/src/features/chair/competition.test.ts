import { describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../lib/api';
import { Competition } from './competition.svelte';

function overview(current: string | null): Overview {
  return {
    competition_id: 'koin-2025',
    name: 'Koin Yanlik Berdasi 2025',
    definition_version: 1,
    entries: 40,
    jurors: 5,
    current_stage: current,
    stages: [
      { id: 'administrasi', name: 'Seleksi', kind: 'screening', finalized_at: '2025-10-01', pool: 40, assigned: 40, submitted: 40 },
      { id: 'proposal', name: 'Proposal', kind: 'scoring', finalized_at: null, pool: 37, assigned: 110, submitted: 63 },
      { id: 'final', name: 'Final', kind: 'final', finalized_at: null, pool: 25, assigned: 0, submitted: 0 },
    ],
    categories: [{ id: 'pd-provinsi', name: 'Perangkat Daerah Provinsi' }],
    archived_at: null,
  };
}

describe('Competition', () => {
  it('names a category from the definition, or shows its id when unnamed', async () => {
    const store = new Competition(
      async () => ({ competition: overview('proposal'), demoRequested: false }),
      async () => overview('proposal'),
    );
    await store.load();
    expect(store.categoryName('pd-provinsi')).toBe('Perangkat Daerah Provinsi');
    expect(store.categoryName('lain')).toBe('lain');
  });

  it('starts on the first launch with nothing open, remembering --demo', async () => {
    const store = new Competition(async () => ({ competition: null, demoRequested: true }));
    await store.load();
    expect(store.state).toEqual({ status: 'none', demoRequested: true });
    expect(store.demoRequested).toBe(true);
    expect(store.stages).toEqual([]);
  });

  it('opens on the current stage and picks a stage of the kind a screen handles', async () => {
    const store = new Competition(async () => ({ competition: overview('proposal'), demoRequested: false }));
    await store.load();
    expect(store.stage).toBe('proposal');
    expect(store.stageOf(['scoring'])?.id).toBe('proposal');
    expect(store.stageOf(['screening'])?.id).toBe('administrasi');
    expect(store.stageOf(['scoring', 'final'])?.id).toBe('proposal');
    store.stage = 'final';
    expect(store.stageOf(['scoring', 'final'])?.id).toBe('final');
    expect(store.stageOf(['scoring'])?.id).toBe('proposal');
  });

  it('tells the screens to reload after every change, and after archiving shows the start', async () => {
    const refreshed = vi.fn(async () => overview(null));
    const store = new Competition(async () => ({ competition: overview('proposal'), demoRequested: false }), refreshed);
    await store.load();
    const before = store.revision;
    await store.refresh();
    expect(refreshed).toHaveBeenCalledOnce();
    expect(store.revision).toBe(before + 1);
    expect(store.overview?.current_stage).toBeNull();
    store.closed();
    expect(store.state.status).toBe('none');
    expect(store.stage).toBe('');
  });

  it('shows a failed start as an error with its code', async () => {
    const store = new Competition(async () => {
      throw { code: 'database', message: 'lomba.db: file is not a database', problems: [] };
    });
    await store.load();
    expect(store.state).toMatchObject({ status: 'error', error: { code: 'database' } });
  });
});
