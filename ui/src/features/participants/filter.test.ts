import { describe, expect, it } from 'vitest';
import type { Entry } from '../../lib/api';
import { filterEntries, fold, searchIndex } from './filter';

function entry(code: string, title: string, institution: string, category: string): Entry {
  return { code, title, institution, category, rintisan: false, description: '', withdrawn: false };
}

const entries = [
  entry('PD-01', 'Layanan Kesehatan Keliling', 'Dinas Kesehatan', 'pd'),
  entry('DS-02', 'Desa Digital', 'Desa Oelnasi', 'desa'),
  entry('SK-03', 'Perpustakaan Keliling', 'SMA Négeri 1', 'sekolah'),
];
const index = searchIndex(entries);

describe('filterEntries', () => {
  const cases: [string, string, string[]][] = [
    ['', '', ['PD-01', 'DS-02', 'SK-03']],
    ['keliling', '', ['PD-01', 'SK-03']],
    ['KELILING', 'sekolah', ['SK-03']],
    ['negeri', '', ['SK-03']],
    ['ds-02', '', ['DS-02']],
    ['keliling kesehatan', '', ['PD-01']],
    ['  desa   digital ', 'desa', ['DS-02']],
    ['nothing', '', []],
    ['', 'pd', ['PD-01']],
  ];
  it.each(cases)('text %j in category %j', (text, category, codes) => {
    expect(filterEntries(entries, index, { text, category }).map((e) => e.code)).toEqual(codes);
  });

  it('folds case and accents', () => {
    expect(fold('Négeri ÉLOK')).toBe('negeri elok');
  });

  it('finds exactly the matching entries among 5,000', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      entry(`E-${i}`, `Inovasi pelayanan nomor ${i}`, `Instansi ${i % 97}`, `c${i % 5}`),
    );
    const big = searchIndex(many);
    const found = filterEntries(many, big, { text: 'pelayanan 49', category: 'c4' });
    const expected = many.filter((e) => e.category === 'c4' && `${e.code} ${e.title} ${e.institution}`.includes('49'));
    expect(found.map((e) => e.code)).toEqual(expected.map((e) => e.code));
  });
});
