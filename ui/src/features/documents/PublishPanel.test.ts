import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Privacy, PublishReport } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import PublishPanel from './PublishPanel.svelte';

const report: PublishReport = {
  path: '/home/ketua/transparansi-koin-2025.zip',
  files: 12,
  stages: 3,
  bundles: 10,
  not_checkable: 1,
  paper_imports: 1,
  rulings: 0,
  corrections: 0,
  manifest_sha256: 'ab'.repeat(32),
  chair_key: 'cd'.repeat(32),
  privacy: { juror_names: false, comments: true, notes: false },
};

describe('PublishPanel', () => {
  let calls: { file: string; privacy: Privacy }[];
  let asked: string[];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    calls = [];
    asked = [];
    mockIPC((command, args) => {
      asked.push(command);
      if (command === 'chair_passphrase_needed') return null;
      if (command === 'plugin:dialog|save') return report.path;
      if (command === 'chair_publish') {
        calls.push(args as { file: string; privacy: Privacy });
        return report;
      }
      throw new Error(`unexpected ${command}`);
    });
  });

  it('publishes with personal data withheld unless ticked, after the passphrase, and shows the fingerprint', async () => {
    const user = userEvent.setup();
    render(PublishPanel, { competitionId: 'koin-2025', anyFinalised: true });
    expect(screen.getByTestId('publish-names')).not.toBeChecked();
    expect(screen.getByTestId('publish-comments')).not.toBeChecked();
    expect(screen.getByTestId('publish-notes')).not.toBeChecked();
    await user.click(screen.getByTestId('publish-comments'));
    await user.click(screen.getByTestId('publish-archive'));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ file: report.path, privacy: { juror_names: false, comments: true, notes: false } });
    expect(asked.indexOf('chair_passphrase_needed')).toBeLessThan(asked.indexOf('chair_publish'));
    await waitFor(() => expect(screen.getByTestId('publish-fingerprint')).toHaveTextContent(report.manifest_sha256));
    expect(screen.getByTestId('publish-result')).toHaveTextContent(`juri audit ${report.path}`);
    expect(screen.getByTestId('publish-not-checkable')).toHaveTextContent('1 bundel dari Juri versi lama');
  });

  it('offers nothing to publish before a stage is finalised', () => {
    render(PublishPanel, { competitionId: 'koin-2025', anyFinalised: false });
    expect(screen.getByTestId('publish-archive')).toBeDisabled();
    expect(screen.getByTestId('publish-nothing')).toHaveTextContent('finalisasi satu tahap');
  });
});
