import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatPlaceDate, locale, setLocale, setupI18n, t } from '.';
import { en } from './messages.en';
import { id } from './messages.id';

function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : keysOf(child as object, `${prefix}${key}.`),
  );
}

describe('dates and numbers', () => {
  const cases: [string | Date, 'id' | 'en', string][] = [
    ['2025-12-15', 'id', '15 Desember 2025'],
    ['2025-12-15', 'en', '15 December 2025'],
    ['2026-01-01', 'id', '1 Januari 2026'],
    ['2025-08-17', 'id', '17 Agustus 2025'],
    [new Date(2025, 1, 3, 23, 30), 'id', '3 Februari 2025'],
    ['2025-02-30', 'id', '2025-02-30'],
    ['bukan tanggal', 'en', 'bukan tanggal'],
  ];

  it.each(cases)('formats %s in %s as %s', (value, language, expected) => {
    expect(formatDate(value, language)).toBe(expected);
  });

  it('writes place and date like a signature block', () => {
    expect(formatPlaceDate('Kupang', '2025-12-15', 'id')).toBe('Kupang, 15 Desember 2025');
  });

  it('uses the decimal comma in Indonesian', () => {
    expect(formatNumber(85.5, 'id', 2)).toBe('85,50');
    expect(formatNumber(1234.5, 'id', 1)).toBe('1.234,5');
    expect(formatNumber(85.5, 'en', 2)).toBe('85.50');
  });
});

describe('languages', () => {
  it('has the same keys in every catalogue', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(id).sort());
  });

  it('starts in Bahasa Indonesia and remembers a switch to English', () => {
    expect(setupI18n()).toBe('id');
    expect(get(t)('nav.home')).toBe('Beranda');
    expect(document.documentElement.lang).toBe('id');

    setLocale('en');
    expect(get(locale)).toBe('en');
    expect(get(t)('nav.home')).toBe('Home');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('juri.locale')).toBe('en');

    expect(setupI18n()).toBe('en');
    setLocale('id');
    expect(get(t)('mode.chair')).toBe('Ketua');
  });

  it('ignores a saved language it does not speak', () => {
    localStorage.setItem('juri.locale', 'fr');
    expect(setupI18n()).toBe('id');
  });
});
