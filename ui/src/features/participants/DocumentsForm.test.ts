import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Entry, EntryEvidence } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import DocumentsForm from './DocumentsForm.svelte';

const entries: Entry[] = [
  {
    code: 'PROV-01',
    title: 'Posyandu Digital',
    institution: 'Dinas Kesehatan',
    category: 'pd-provinsi',
    rintisan: false,
    description: '',
    withdrawn: false,
  },
  {
    code: 'PROV-02',
    title: 'Sekolah Ramah Anak',
    institution: 'Dinas Pendidikan',
    category: 'pd-provinsi',
    rintisan: false,
    description: '',
    withdrawn: false,
  },
];

const proposal = {
  name: 'proposal.pdf',
  sha256: 'ab'.repeat(32),
  size: 3 * 1024 * 1024,
  kind: 'pdf',
  added_at: '2025-11-20T09:00:00+08:00',
};

describe('DocumentsForm', () => {
  let stored: Record<string, EntryEvidence>;
  let added: { entry: string; file: string; replace: string | null }[];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    stored = {
      'PROV-01': { entry: 'PROV-01', documents: [proposal], links: ['https://youtu.be/posyandu'] },
      'PROV-02': { entry: 'PROV-02', documents: [], links: [] },
    };
    added = [];
    mockIPC((command, args) => {
      const a = args as Record<string, unknown>;
      if (command === 'chair_entry_documents') return stored[a.entry as string];
      if (command === 'plugin:dialog|open') return '/home/ketua/revisi/proposal-v2.pdf';
      if (command === 'chair_add_entry_document') {
        const call = { entry: a.entry as string, file: a.file as string, replace: a.replace as string | null };
        added.push(call);
        const document = { ...proposal, name: 'proposal-v2.pdf', sha256: 'cd'.repeat(32), size: 2048 };
        const evidence = stored[call.entry];
        if (!evidence) throw new Error(`no entry ${call.entry}`);
        evidence.documents = call.replace
          ? evidence.documents.map((d) => (d.name === call.replace ? document : d))
          : [...evidence.documents, document];
        return document;
      }
      throw new Error(`unexpected ${command}`);
    });
  });

  it("shows a chosen entry's documents and links, and replaces one", async () => {
    const user = userEvent.setup();
    render(DocumentsForm, { entries });
    expect(screen.getByTestId('document-add')).toBeDisabled();
    await user.type(screen.getByTestId('documents-entry'), 'PROV-01');
    const row = await screen.findByTestId('document-row');
    expect(row).toHaveTextContent('proposal.pdf');
    expect(row).toHaveTextContent('PDF');
    expect(row).toHaveTextContent('3,0 MB');
    expect(row).toHaveTextContent('abababababab…');
    expect(screen.getByTestId('link-row')).toHaveTextContent('https://youtu.be/posyandu');
    await user.click(screen.getByTestId('document-replace'));
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toEqual({ entry: 'PROV-01', file: '/home/ketua/revisi/proposal-v2.pdf', replace: 'proposal.pdf' });
    await waitFor(() => expect(screen.getByTestId('document-row')).toHaveTextContent('proposal-v2.pdf'));
    expect(screen.getByTestId('document-row')).toHaveTextContent('2 KB');
  });

  it('says when an entry has none, and adds one', async () => {
    const user = userEvent.setup();
    render(DocumentsForm, { entries });
    await user.type(screen.getByTestId('documents-entry'), 'PROV-02');
    expect(await screen.findByTestId('documents-none')).toHaveTextContent('PROV-02 belum memiliki dokumen');
    await user.click(screen.getByTestId('document-add'));
    await waitFor(() => expect(added).toEqual([{ entry: 'PROV-02', file: '/home/ketua/revisi/proposal-v2.pdf', replace: null }]));
    expect(await screen.findByTestId('document-row')).toHaveTextContent('proposal-v2.pdf');
  });
});
