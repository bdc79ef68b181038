import { describe, expect, it } from 'vitest';
import { ConfirmQueue, type ConfirmRequest } from './confirm.svelte';

const request = (title: string, danger = false): ConfirmRequest => ({
  title,
  message: 'Tindakan ini tidak dapat dibatalkan.',
  confirmLabel: 'Hapus',
  cancelLabel: 'Batal',
  danger,
});

describe('ConfirmQueue', () => {
  it('resolves with the answer and clears the dialog', async () => {
    const queue = new ConfirmQueue();
    const answer = queue.ask(request('Hapus juri?', true));
    expect(queue.current).toMatchObject({ title: 'Hapus juri?', danger: true });
    queue.answer(true);
    await expect(answer).resolves.toBe(true);
    expect(queue.current).toBeNull();
  });

  it('shows requests one after another in order', async () => {
    const queue = new ConfirmQueue();
    const first = queue.ask(request('Pertama'));
    const second = queue.ask(request('Kedua'));
    expect(queue.current?.title).toBe('Pertama');
    queue.answer(false);
    expect(queue.current?.title).toBe('Kedua');
    queue.answer(true);
    await expect(first).resolves.toBe(false);
    await expect(second).resolves.toBe(true);
    expect(queue.current).toBeNull();
  });

  it('ignores an answer when nothing is asked', () => {
    const queue = new ConfirmQueue();
    queue.answer(true);
    expect(queue.current).toBeNull();
  });
});
