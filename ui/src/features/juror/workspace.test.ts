import { describe, expect, it } from 'vitest';
import type { JurorStart } from '../../lib/api';
import { Workspace } from './workspace.svelte';

const start: JurorStart = {
  info: {
    competition_id: 'koin-2025',
    competition_name: 'Koin Yanlik Berdasi 2025',
    juror: 'J5',
    juror_name: 'Theresia Kase',
    package_version: 1,
    chair_key: 'f70a-3483-0693',
    exports: 0, unlocked: false,
  },
  stages: [
    { stage: 'proposal', name: 'Proposal', assigned: 22, scored: 22, submitted: 22 },
    { stage: 'presentasi', name: 'Presentasi', assigned: 25, scored: 2, submitted: 0 },
  ],
};

describe('Workspace', () => {
  it('continues with the first stage that still has unsubmitted sheets', async () => {
    const workspace = new Workspace(async () => start);
    await workspace.load();
    expect(workspace.stage).toBe('presentasi');
    expect(workspace.start?.info?.juror).toBe('J5');
  });

  it('keeps the stage the juror chose while it still exists', async () => {
    const workspace = new Workspace(async () => start);
    workspace.stage = 'proposal';
    await workspace.load();
    expect(workspace.stage).toBe('proposal');
  });

  it('has no stage before a package is installed', async () => {
    const workspace = new Workspace(async () => ({ info: null, stages: [] }));
    await workspace.load();
    expect(workspace.stage).toBe('');
    expect(workspace.start?.info).toBeNull();
  });
});
