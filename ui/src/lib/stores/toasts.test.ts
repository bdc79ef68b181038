import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, Toasts } from './toasts.svelte';

describe('Toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets success and info notices leave after five seconds', () => {
    const toasts = new Toasts();
    toasts.success('Tersimpan');
    toasts.info('Bundel diterima');
    expect(toasts.items.map((toast) => toast.message)).toEqual(['Tersimpan', 'Bundel diterima']);
    vi.advanceTimersByTime(4999);
    expect(toasts.items).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(toasts.items).toEqual([]);
  });

  it('keeps errors until they are dismissed', () => {
    const toasts = new Toasts();
    const id = toasts.error('Gagal membuka folder', 'permission denied');
    vi.advanceTimersByTime(60_000);
    expect(toasts.items).toEqual([
      { id, kind: 'error', message: 'Gagal membuka folder', detail: 'permission denied' },
    ]);
    toasts.dismiss(id);
    expect(toasts.items).toEqual([]);
  });

  it('shows at most the newest notices', () => {
    const toasts = new Toasts();
    for (let index = 1; index <= MAX_TOASTS + 2; index += 1) toasts.error(`error ${index}`);
    expect(toasts.items.map((toast) => toast.message)).toEqual(
      Array.from({ length: MAX_TOASTS }, (_, index) => `error ${index + 3}`),
    );
  });

  it('does not fail when a dismissed notice times out, and clear removes everything', () => {
    const toasts = new Toasts();
    const first = toasts.success('satu');
    toasts.dismiss(first);
    toasts.info('dua');
    toasts.error('tiga');
    vi.advanceTimersByTime(10_000);
    expect(toasts.items.map((toast) => toast.message)).toEqual(['tiga']);
    toasts.clear();
    expect(toasts.items).toEqual([]);
  });
});
