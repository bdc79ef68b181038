import { mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale, setupI18n } from '../lib/i18n';
import Shell from './Shell.svelte';
import { navigation } from './state.svelte';

describe('Shell', () => {
  beforeEach(() => {
    setupI18n();
    setLocale('id');
    navigation.setMode('juror');
    navigation.go('home');
    mockIPC((command) => {
      if (command === 'app_info') return { version: '0.1.0', dataDir: '/tmp/juri-data' };
      if (command === 'open_data_dir') throw { code: 'open_failed', message: 'xdg-open missing' };
      if (command === 'chair_start') return { competition: null, demoRequested: false };
      if (command === 'juror_start') return { info: null, stages: [] };
      if (command === 'templates') return [{ name: 'generic', description: 'A small competition' }];
      if (command === 'chair_competitions') return { open: null, competitions: [] };
      return null;
    });
  });

  it('flips the sidebar to English and back with the language switch', async () => {
    const user = userEvent.setup();
    render(Shell);
    const sidebar = within(screen.getByTestId('sidebar'));
    expect(sidebar.getByTestId('nav-home')).toHaveTextContent('Beranda');
    expect(sidebar.getByTestId('mode-chair')).toHaveTextContent('Ketua');

    await user.click(screen.getByTestId('language-en'));
    expect(sidebar.getByTestId('nav-home')).toHaveTextContent('Home');
    expect(sidebar.getByTestId('nav-about')).toHaveTextContent('About Juri');
    expect(sidebar.getByTestId('mode-juror')).toHaveTextContent('Juror');
    expect(screen.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByTestId('language-id'));
    expect(sidebar.getByTestId('nav-home')).toHaveTextContent('Beranda');
  });

  it('switches mode with the arrow keys; the chair home offers to start a competition', async () => {
    const user = userEvent.setup();
    render(Shell);
    expect(await screen.findByTestId('package-form')).toBeInTheDocument();
    screen.getByTestId('mode-juror').focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('mode-chair')).toHaveFocus();
    expect(screen.getByTestId('mode-chair')).toHaveAttribute('aria-checked', 'true');
    expect(await screen.findByTestId('start-screen')).toBeInTheDocument();
    expect(screen.getByTestId('start-demo')).toHaveTextContent('Buka kompetisi contoh');
    expect(await screen.findByRole('option', { name: 'generic' })).toBeInTheDocument();
  });

  it('shows app info on the About screen and reports a failed open as a toast', async () => {
    const user = userEvent.setup();
    render(Shell);
    await user.click(screen.getByTestId('nav-about'));
    expect(screen.getByTestId('screen-title')).toHaveTextContent('Tentang Juri');
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/tmp/juri-data');
    expect(screen.getByTestId('app-version')).toHaveTextContent('0.1.0');

    await user.click(screen.getByTestId('open-data-dir'));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveAttribute('data-kind', 'error');
    expect(toast).toHaveTextContent('Sistem tidak dapat membuka berkas atau folder ini.');
    expect(toast).toHaveTextContent('xdg-open missing');
  });
});
