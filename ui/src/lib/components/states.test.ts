import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { setLocale, setupI18n } from '../i18n';
import { createRawSnippet } from 'svelte';
import EmptyState from './EmptyState.svelte';
import ErrorState from './ErrorState.svelte';
import LoadingState from './LoadingState.svelte';

describe('state components', () => {
  beforeEach(() => {
    setupI18n();
    setLocale('id');
  });

  it('announces loading politely', () => {
    render(LoadingState, { label: 'Memuat nilai…' });
    expect(screen.getByRole('status')).toHaveTextContent('Memuat nilai…');
  });

  it('names the error by its code, shows the detail and retries', async () => {
    const user = userEvent.setup();
    const onretry = vi.fn();
    render(ErrorState, { error: new ApiError('io', 'disk full'), onretry });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Berkas atau folder tidak dapat dibaca atau ditulis.');
    expect(alert).toHaveTextContent('disk full');
    await user.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(onretry).toHaveBeenCalledOnce();
  });

  it('explains an empty screen and offers the next step', () => {
    const action = createRawSnippet(() => ({ render: () => '<button>Impor paket juri</button>' }));
    render(EmptyState, { title: 'Belum ada paket', message: 'Impor paket dari panitia.', action });
    expect(screen.getByRole('heading', { name: 'Belum ada paket' })).toBeInTheDocument();
    expect(screen.getByText('Impor paket dari panitia.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Impor paket juri' })).toBeInTheDocument();
  });
});
