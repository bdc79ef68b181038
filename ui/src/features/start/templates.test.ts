import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { setLocale, t } from '../../lib/i18n';
import { describeTemplate } from './templates';

const memory = { getItem: () => null, setItem: () => undefined };
const given = [
  { name: 'generic', description: 'A small competition on a 6.0–10.0 scale' },
  { name: 'baru', description: 'A template of a newer Juri' },
];

describe('template descriptions', () => {
  it('are said in the window language', () => {
    setLocale('id', memory);
    expect(describeTemplate('generic', given, get(t))).toBe('Kompetisi kecil dengan skala 6,0–10,0');
    expect(describeTemplate('kipp', given, get(t))).toContain('lintas kategori');
    setLocale('en', memory);
    expect(describeTemplate('generic', given, get(t))).toBe('A small competition on a 6.0–10.0 scale');
  });

  it("keep Juri's own words for a template the UI does not know", () => {
    setLocale('id', memory);
    expect(describeTemplate('baru', given, get(t))).toBe('A template of a newer Juri');
    expect(describeTemplate('tidak-ada', given, get(t))).toBe('');
  });
});
