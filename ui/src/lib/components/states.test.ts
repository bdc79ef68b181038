import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { setLocale, setupI18n } from '../i18n';
import { createRawSnippet } from 'svelte';
import EmptyState from './EmptyState.svelte';
import ErrorState from './ErrorState.svelte';
import Loaded from './Loaded.svelte';
import LoadingState from './LoadingState.svelte';
import { Resource } from '../stores/resource.svelte';

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

  it('shows loading, then the data; an error offers a retry that loads again', async () => {
    const user = userEvent.setup();
    let fail = true;
    const resource = new Resource(async () => {
      if (fail) throw new ApiError('io', 'disk full');
      return 'A-01';
    });
    const children = createRawSnippet((data: () => string) => ({ render: () => `<p>entri ${data()}</p>` }));
    render(Loaded<string>, { resource, label: 'Memuat entri…', children });
    expect(screen.getByRole('status')).toHaveTextContent('Memuat entri…');
    await resource.reload();
    expect(await screen.findByRole('alert')).toHaveTextContent('disk full');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(await screen.findByText('entri A-01')).toBeInTheDocument();
  });
});
