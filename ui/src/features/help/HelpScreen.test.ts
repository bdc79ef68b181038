import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navigation } from '../../app/state.svelte';
import { setLocale, setupI18n } from '../../lib/i18n';
import HelpScreen from './HelpScreen.svelte';

describe('HelpScreen', () => {
  beforeEach(() => {
    setupI18n();
    setLocale('id');
    Element.prototype.scrollIntoView = () => {};
  });

  it("opens on the guide of the mode in use and follows a link to another page", async () => {
    const user = userEvent.setup();
    navigation.setMode('chair');
    render(HelpScreen);
    expect(screen.getByTestId('help-page-ketua')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('help-body')).toHaveTextContent('Panduan ketua');

    const link = screen.getByTestId('help-body').querySelector<HTMLAnchorElement>('a[data-guide="definisi"]')!;
    await user.click(link);
    expect(screen.getByTestId('help-page-definisi')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('help-body')).not.toHaveTextContent('Panduan ketua');

    await user.click(screen.getByTestId('help-page-juri'));
    expect(screen.getByTestId('help-body')).toHaveTextContent('Membuka paket juri');
    expect(screen.queryByTestId('help-language-note')).toBeNull();
  });

  it('says in English that the guides are in Indonesian', () => {
    navigation.setMode('juror');
    setLocale('en');
    render(HelpScreen);
    expect(screen.getByTestId('help-page-juri')).toHaveTextContent("Juror's guide");
    expect(screen.getByTestId('help-language-note')).toHaveTextContent('Bahasa Indonesia');
  });
});
