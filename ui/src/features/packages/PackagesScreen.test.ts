import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IssuedPackage } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import PackagesScreen from './PackagesScreen.svelte';

function issued(juror: string, sent: number): IssuedPackage {
  return {
    juror, juror_name: `Juri ${juror}`, file: `/paket/kipp-${juror}.juri`, version: 2, fingerprint: '3f2a-91c0-7be4',
    access_code: null, entries: 40, assigned: 25, documents_file: `/paket/kipp-${juror}-documents.zip`,
    documents: 4, documents_sent: sent, documents_bytes: 3 * 1024 * 1024,
  };
}

describe('issuing packages with their documents files', () => {
  let asked: unknown[];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    asked = [];
    mockIPC((command, args) => {
      if (command === 'chair_passphrase_needed') return null;
      if (command === 'plugin:dialog|open') return '/paket';
      if (command === 'chair_issue_packages') {
        asked.push(args);
        return [issued('J1', 4), issued('J2', 1)];
      }
      if (command === 'chair_overview') throw new Error('not needed here');
      throw new Error(`unexpected ${command}`);
    });
  });

  it('sends only new documents unless asked for all, and names each documents file', async () => {
    const user = userEvent.setup();
    render(PackagesScreen);
    await user.click(screen.getByTestId('packages-issue'));
    await waitFor(() => expect(screen.getByTestId('package-documents-J1')).toBeVisible());
    expect(asked[0]).toMatchObject({ dir: '/paket', newCodes: false, allDocuments: false });
    expect(screen.getByTestId('package-documents-J1')).toHaveTextContent('kipp-J1-documents.zip: seluruh 4 dokumen (3,0 MB)');
    expect(screen.getByTestId('package-documents-J2')).toHaveTextContent('1 dari 4 dokumen, sisanya sudah dikirim (3,0 MB)');

    await user.click(screen.getByTestId('packages-all-documents'));
    await user.click(screen.getByTestId('packages-issue'));
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ allDocuments: true });
  });
});
