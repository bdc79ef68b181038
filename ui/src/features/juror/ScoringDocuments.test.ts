import { mockIPC } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryProgress, JurorEntryEvidence, JurorStart, Sheet } from '../../lib/api';
import { setLocale, setupI18n } from '../../lib/i18n';
import ScoringScreen from './ScoringScreen.svelte';

// pdf.js needs a real canvas (the e2e journey renders real pages); here, a 12-page document.
vi.mock('./pdf', () => ({
  openPdf: vi.fn(async () => ({
    pages: 12,
    render: vi.fn(async () => undefined),
    destroy: vi.fn(async () => undefined),
  })),
}));

const start: JurorStart = {
  info: {
    competition_id: 'kipp-2025', competition_name: 'KIPP 2025', juror: 'J1', juror_name: 'Maria',
    package_version: 1, chair_key: 'ab12', exports: 0, unlocked: false,
  },
  stages: [{ stage: 'proposal', name: 'Proposal', assigned: 1, scored: 0, submitted: 0 }],
};

const entry: EntryProgress = {
  code: 'E-01', title: 'Posyandu Digital', institution: null, category: 'pd', category_name: 'Perangkat Daerah',
  rintisan: false, filled: 0, criteria: 2, submitted: false, total: null,
};

const sheet: Sheet = {
  stage: 'proposal', stage_name: 'Proposal', entry: 'E-01', title: 'Posyandu Digital',
  institution: null, category: 'pd', category_name: 'Perangkat Daerah', description: null, scale_min: '1', scale_max: '7',
  scale_step: '1', criteria: [], note: '', photos: [], submitted: false, filled: 0, total: null,
};

const sha = (n: number): string => String(n).repeat(64).slice(0, 64);

describe('the entry documents beside the score sheet', () => {
  let evidence: JurorEntryEvidence;
  let calls: [string, unknown][];

  beforeEach(() => {
    setupI18n();
    setLocale('id');
    calls = [];
    evidence = {
      entry: 'E-01',
      documents: [
        { name: 'proposal.pdf', kind: 'pdf', size: 2_400_000, sha256: sha(1), installed: true },
        { name: 'anggaran.xlsx', kind: 'office', size: 30_000, sha256: sha(2), installed: true },
        { name: 'foto.jpg', kind: 'image', size: 300_000, sha256: sha(3), installed: false },
      ],
      links: ['https://youtu.be/posyandu'],
    };
    mockIPC((command, args) => {
      calls.push([command, args]);
      if (command === 'juror_start') return start;
      if (command === 'juror_entries') return [entry];
      if (command === 'juror_sheet') return sheet;
      if (command === 'juror_documents') return [evidence];
      if (command === 'juror_document') return new ArrayBuffer(8);
      if (command === 'open_link') return null;
      if (command === 'plugin:dialog|open') return '/media/usb/kipp-J1-documents.zip';
      if (command === 'juror_install_documents') {
        evidence = { ...evidence, documents: evidence.documents.map((d) => ({ ...d, installed: true })) };
        return { file: '/media/usb/kipp-J1-documents.zip', installed: 1, bytes: 300_000, already: 2, missing: 0 };
      }
      throw new Error(`unexpected ${command}`);
    });
  });

  it('lists documents and links; a PDF opens in the viewer in place of the entries list and turns pages', async () => {
    const user = userEvent.setup();
    render(ScoringScreen);
    const proposal = await screen.findByTestId('entry-document-proposal.pdf');
    expect(proposal).toHaveTextContent('proposal.pdf');
    expect(proposal).toHaveTextContent('2,3 MB');
    expect(screen.getByTestId('entry-document-foto.jpg')).toBeDisabled();
    expect(screen.getByTestId('entry-document-foto.jpg')).toHaveTextContent('belum terpasang');
    expect(screen.getByTestId('entry-link')).toHaveTextContent('youtu.be/posyandu');

    await user.click(proposal);
    await waitFor(() => expect(screen.getByTestId('viewer-of')).toHaveTextContent('dari 12'));
    expect(calls).toContainEqual(['juror_document', { entry: 'E-01', name: 'proposal.pdf' }]);
    expect(screen.getByTestId('scoring-screen')).toHaveClass('reading');
    expect(screen.getByTestId('scoring-list').closest('aside')).not.toBeVisible();

    await user.click(screen.getByTestId('viewer-next'));
    const page = screen.getByTestId('viewer-page');
    await waitFor(() => expect(page).toHaveValue('2'));
    await user.clear(page);
    await user.type(page, '3');
    await fireEvent.change(page);
    await waitFor(() => expect(screen.getByTestId('viewer-canvas')).toHaveAttribute('data-page', '3'));
    // Beyond the last page stays on the last.
    await user.clear(page);
    await user.type(page, '40');
    await fireEvent.change(page);
    await waitFor(() => expect(page).toHaveValue('12'));

    // Zoom: + and − step through the sizes, 0 fits the page to the width again.
    const canvas = screen.getByTestId('viewer-canvas');
    const viewer = screen.getByTestId('document-viewer');
    expect(screen.getByTestId('viewer-zoom')).toHaveTextContent('100%');
    expect(screen.getByTestId('viewer-zoom-out')).toBeDisabled();
    await user.click(screen.getByTestId('viewer-zoom-in'));
    await waitFor(() => expect(canvas).toHaveAttribute('data-zoom', '1.25'));
    await fireEvent.keyDown(viewer, { key: '+' });
    await fireEvent.keyDown(viewer, { key: '+' });
    expect(screen.getByTestId('viewer-zoom')).toHaveTextContent('200%');
    await fireEvent.keyDown(viewer, { key: '-' });
    expect(canvas).toHaveAttribute('data-zoom', '1.5');
    for (let i = 0; i < 8; i += 1) await fireEvent.keyDown(viewer, { key: '+' });
    expect(screen.getByTestId('viewer-zoom')).toHaveTextContent('300%');
    expect(screen.getByTestId('viewer-zoom-in')).toBeDisabled();
    await fireEvent.keyDown(viewer, { key: '0' });
    expect(canvas).toHaveAttribute('data-zoom', '1');
    await user.click(screen.getByTestId('viewer-zoom-in'));
    await user.click(screen.getByTestId('viewer-zoom'));
    expect(canvas).toHaveAttribute('data-zoom', '1');

    await user.click(screen.getByTestId('viewer-close'));
    expect(screen.queryByTestId('document-viewer')).toBeNull();
    expect(screen.getByTestId('scoring-screen')).not.toHaveClass('reading');
  });

  it('opens a link in the system browser, and an office file offers a copy instead of a view', async () => {
    const user = userEvent.setup();
    render(ScoringScreen);
    await user.click(await screen.findByTestId('entry-link'));
    expect(calls).toContainEqual(['open_link', { url: 'https://youtu.be/posyandu' }]);
    await user.click(screen.getByTestId('entry-document-anggaran.xlsx'));
    expect(await screen.findByTestId('viewer-save')).toBeVisible();
    expect(calls.some(([command]) => command === 'juror_document')).toBe(false);
  });

  it('Alt+D opens the first document, then moves between document and sheet', async () => {
    render(ScoringScreen);
    await screen.findByTestId('entry-document-proposal.pdf');
    await fireEvent.keyDown(window, { key: 'd', altKey: true });
    const viewer = await screen.findByTestId('document-viewer');
    expect(viewer).toHaveAccessibleName('proposal.pdf milik E-01');
    await fireEvent.keyDown(window, { key: 'd', altKey: true });
    expect(document.activeElement).toBe(viewer);
    await fireEvent.keyDown(window, { key: 'd', altKey: true });
    expect(viewer.contains(document.activeElement)).toBe(false);
  });

  it('installs the documents file the chair sent, then the missing document opens', async () => {
    const user = userEvent.setup();
    render(ScoringScreen);
    await user.click(await screen.findByTestId('install-documents'));
    await waitFor(() => expect(screen.getByTestId('entry-document-foto.jpg')).toBeEnabled());
    expect(calls).toContainEqual(['juror_install_documents', { file: '/media/usb/kipp-J1-documents.zip' }]);
    expect(screen.queryByTestId('install-documents')).toBeNull();
  });
});
