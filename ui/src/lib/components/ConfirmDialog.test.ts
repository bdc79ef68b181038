import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ConfirmQueue } from '../stores/confirm.svelte';
import ConfirmDialog from './ConfirmDialog.svelte';

const ask = (queue: ConfirmQueue, danger: boolean) =>
  queue.ask({
    title: 'Hapus bundel?',
    message: 'Bundel yang dihapus harus diimpor ulang.',
    confirmLabel: 'Hapus',
    cancelLabel: 'Batal',
    danger,
  });

describe('ConfirmDialog', () => {
  it('focuses Cancel for a destructive action and answers false on Escape', async () => {
    const user = userEvent.setup();
    const queue = new ConfirmQueue();
    render(ConfirmDialog, { queue });
    const answer = ask(queue, true);
    const dialog = await screen.findByRole('alertdialog', { name: 'Hapus bundel?' });
    expect(dialog).toHaveAccessibleDescription('Bundel yang dihapus harus diimpor ulang.');
    await expect.poll(() => document.activeElement?.textContent?.trim()).toBe('Batal');
    await user.keyboard('{Escape}');
    await expect(answer).resolves.toBe(false);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('keeps Tab inside the dialog and confirms with Enter', async () => {
    const user = userEvent.setup();
    const queue = new ConfirmQueue();
    render(ConfirmDialog, { queue });
    const answer = ask(queue, false);
    await screen.findByRole('alertdialog');
    const confirm = screen.getByRole('button', { name: 'Hapus' });
    const cancel = screen.getByRole('button', { name: 'Batal' });
    await expect.poll(() => document.activeElement).toBe(confirm);
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
    await user.tab();
    await user.keyboard('{Enter}');
    await expect(answer).resolves.toBe(true);
  });
});
