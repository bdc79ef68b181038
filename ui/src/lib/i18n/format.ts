// Dates and numbers as Indonesian documents write them: "15 Desember 2025", "85,50".
import type { Locale } from './types';

const INTL_TAG: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a calendar date (`"2025-12-15"`), a timestamp string or a `Date` as day, month name and
 * year: "15 Desember 2025" in Indonesian, "15 December 2025" in English. A plain calendar date is
 * never shifted by the time zone. Returns the input unchanged when it is not a date.
 */
export function formatDate(value: string | Date, locale: Locale): string {
  const date = toDate(value);
  if (!date) return String(value);
  const calendar = typeof value === 'string' && CALENDAR_DATE.test(value);
  return new Intl.DateTimeFormat(INTL_TAG[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(calendar ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** Place and date as a signature block writes them: "Kupang, 15 Desember 2025". */
export function formatPlaceDate(place: string, value: string | Date, locale: Locale): string {
  return `${place}, ${formatDate(value, locale)}`;
}

/** A number with a fixed count of decimals in the language's style: "85,50" or "85.50". */
export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(INTL_TAG[locale], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A file's size as people read it: `812 KB`, `3,4 MB` (as the `juri` command writes it). */
export function formatSize(bytes: number, locale: Locale): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.ceil(bytes / 1024)), locale)} KB`
    : `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;
}

function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const calendar = CALENDAR_DATE.exec(value);
  if (calendar) {
    const [, year, month, day] = calendar.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Reject dates such as 2025-02-30 that Date.UTC would roll over.
    return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : null;
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
