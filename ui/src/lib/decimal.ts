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

/** A score as the core sends it: rounded for display, and its exact value. */
interface ShownScore {
  value: number;
  display: string;
  exact: string;
}

/**
 * How many decimals a table of scores needs so that two scores that differ exactly never look
 * alike: 2, or up to 6 where two of them round alike at 2 (as the printed documents do).
 */
export function decimalsToTellApart(scores: readonly (ShownScore | null | undefined)[]): number {
  const distinct = new Map<string, number>();
  for (const score of scores) if (score) distinct.set(score.exact, score.value);
  const values = [...distinct.values()].sort((a, b) => a - b);
  for (let decimals = 2; decimals < 6; decimals += 1) {
    const shown = values.map((value) => value.toFixed(decimals));
    if (shown.every((text, index) => index === 0 || text !== shown[index - 1])) return decimals;
  }
  return 6;
}

/** A score with `decimals` decimals in the reader's style; the core's own text at 2. */
export function scoreText(score: ShownScore | null | undefined, decimals: number, comma: boolean): string {
  if (!score) return '';
  const text = decimals === 2 ? score.display : score.value.toFixed(decimals);
  return localDecimal(text, comma);
}
