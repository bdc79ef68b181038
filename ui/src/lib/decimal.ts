// Decimals as people type them on Indonesian sheets ("8,5") and as the forms show them.

/**
 * Reads a decimal as people type it: "8,5", "8.5", " 85 ". At most three decimals (the precision of
 * every score and weight). Returns `null` for anything else, including an empty text.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+([.,]\d{0,3})?|[.,]\d{1,3})$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** A number as the forms show it, with the comma of Indonesian documents. */
export function showDecimal(value: number | null | undefined, comma: boolean): string {
  if (value === null || value === undefined) return '';
  const text = String(Math.round(value * 1000) / 1000);
  return comma ? text.replace('.', ',') : text;
}

/** A decimal text from Rust ("8.5") in the reader's style ("8,5" in Indonesian). */
export function localDecimal(text: string | null | undefined, comma: boolean): string {
  if (text === null || text === undefined) return '';
  return comma ? text.replace('.', ',') : text;
}
