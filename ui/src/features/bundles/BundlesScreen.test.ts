import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MergeReport } from '../../lib/api';
import type { BundleLine } from '../../lib/bindings/BundleLine';
import { setLocale, setupI18n } from '../../lib/i18n';
import BundlesScreen from './BundlesScreen.svelte';

function line(juror: string, photos: number): BundleLine {
  return {
    file: `/media/usb/kipp-${juror}-1.juri`, fingerprint: `3f2a-${juror}`, juror, sequence: 1,
    exported_at: '2026-11-30T18:00:00+08:00', cells: 12, records: 15, photos, status: 'accepted',
    outcomes: { new: 15, updated: 0, unchanged: 0, stale: 0, conflicts: 0 }, problems: [], notices: [],
    retired_key: null, retired_key_accepted: null,
  };
}

const report: MergeReport = {
  dry_run: true, applied: false, bundles: [line('J1', 3), line('J2', 0), line('J3', 1)],
  records: { new: 45, updated: 0, unchanged: 0, stale: 0, conflicts: 0 }, accepted: 3, rejected: 0, skipped: 0,
  conflicts: [],
};

describe('the merge preview', () => {
  let merged: unknown[];

  beforeEach(() => {
    setupI18n();
    merged = [];
    mockIPC((command, args) => {
      if (command === 'chair_conflicts') return [];
      if (command === 'chair_passphrase_needed') return null;
      if (command === 'plugin:dialog|open') return report.bundles.map((bundle) => bundle.file);
      if (command === 'chair_merge') {
        merged.push(args);
        return report;
      }
      throw new Error(`unexpected ${command}`);
    });
  });

  it("shows how many photos each file's notes carry, when any", async () => {
    setLocale('en');
    const user = userEvent.setup();
    render(BundlesScreen);
    await user.click(screen.getByTestId('bundles-choose'));
    const [first, second, third] = await screen.findAllByTestId('merge-file');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ apply: false });
    expect(within(first!).getByTestId('bundle-photos')).toHaveTextContent('3 photos');
    expect(within(second!).queryByTestId('bundle-photos')).toBeNull();
    expect(within(third!).getByTestId('bundle-photos')).toHaveTextContent('1 photo');
    expect(within(third!).getByTestId('bundle-photos')).not.toHaveTextContent('photos');
  });

  it('says it in Indonesian too', async () => {
    setLocale('id');
    const user = userEvent.setup();
    render(BundlesScreen);
    await user.click(screen.getByTestId('bundles-choose'));
    const [first] = await screen.findAllByTestId('merge-file');
    expect(within(first!).getByTestId('bundle-photos')).toHaveTextContent('3 foto');
  });
});
