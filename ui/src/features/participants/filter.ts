// Searching and filtering the entry list: pure functions, so they are unit-tested and measured.
import type { Entry } from '../../lib/api';

export interface EntryFilter {
  /** Words that must all appear in the code, title or institution (any case, any accents). */
  text: string;
  /** A category id, or '' for every category. */
  category: string;
}

/** Lower case without accents, so "pelayanan" finds "Pelayanan" and "e" finds "é". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** One searchable text per entry, prepared once per list. */
export function searchIndex(entries: readonly Entry[]): string[] {
  return entries.map((entry) => fold(`${entry.code} ${entry.title} ${entry.institution}`));
}

/** The entries that match the filter, in their order. `index` comes from `searchIndex`. */
export function filterEntries(
  entries: readonly Entry[],
  index: readonly string[],
  filter: EntryFilter,
): Entry[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  const out: Entry[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (filter.category && entry.category !== filter.category) continue;
    const haystack = index[i]!;
    if (words.every((word) => haystack.includes(word))) out.push(entry);
  }
  return out;
}
