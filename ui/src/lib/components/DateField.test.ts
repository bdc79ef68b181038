import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale, setupI18n } from '../i18n';
import DateFieldHost from './test/DateFieldHost.svelte';

describe('DateField', () => {
  beforeEach(() => {
    setupI18n();
    setLocale('id');
  });

  it('reads day, month name, year in Indonesian order, whatever the system locale', () => {
    render(DateFieldHost, { value: '2025-12-15' });
    const field = screen.getByRole('group', { name: 'Tanggal dokumen' });
    const selects = field.querySelectorAll('select');
    expect([...selects].map((s) => s.getAttribute('aria-label'))).toEqual(['Tanggal', 'Bulan', 'Tahun']);
    expect(screen.getByTestId<HTMLSelectElement>('date-day').value).toBe('15');
    const month = screen.getByTestId<HTMLSelectElement>('date-month');
    expect(month.selectedOptions[0]?.textContent).toBe('Desember');
    expect(screen.getByTestId<HTMLSelectElement>('date-year').value).toBe('2025');
  });

  it('keeps every choice a real date: 31 becomes the last day of a short month and comes back', async () => {
    const user = userEvent.setup();
    render(DateFieldHost, { value: '2025-12-15' });
    const value = () => screen.getByTestId('value').textContent;
    await user.selectOptions(screen.getByTestId('date-day'), '31');
    expect(value()).toBe('2025-12-31');
    await user.selectOptions(screen.getByTestId('date-month'), 'Februari');
    expect(value()).toBe('2025-02-28');
    await user.selectOptions(screen.getByTestId('date-year'), '2028');
    expect(value()).toBe('2028-02-29');
    await user.selectOptions(screen.getByTestId('date-month'), 'Maret');
    expect(value()).toBe('2028-03-31');
  });

  it('starts from today when empty, and "–" empties it again', async () => {
    const user = userEvent.setup();
    render(DateFieldHost);
    expect(screen.getByTestId('value').textContent).toBe('');
    await user.selectOptions(screen.getByTestId('date-month'), 'Januari');
    const today = new Date();
    const expected = `${today.getFullYear()}-01-${String(today.getDate()).padStart(2, '0')}`;
    expect(screen.getByTestId('value').textContent).toBe(expected);
    await user.selectOptions(screen.getByTestId('date-year'), '–');
    expect(screen.getByTestId('value').textContent).toBe('');
  });

  it('names the months in English when English is chosen', () => {
    setLocale('en');
    render(DateFieldHost, { value: '2025-12-15' });
    expect(screen.getByTestId<HTMLSelectElement>('date-month').selectedOptions[0]?.textContent).toBe('December');
  });
});
