// How a stage's score is computed, in words for the results screen and the definition forms: the
// rubric's conversion of a score to 0–100, or a final's combination of stages. The documents print
// the same formula (juri-report's `notes::formula`); the arithmetic itself is the core's.
import type { Definition } from './bindings/Definition';
import type { Rubric } from './bindings/Rubric';
import { showDecimal } from './decimal';
import type { Locale, Translate } from './i18n';

/** A scale as the forms show it: "1–7", "6,0–10". */
export function scaleText(rubric: Rubric, locale: Locale): string {
  const comma = locale === 'id';
  return `${showDecimal(rubric.scale.min, comma)}–${showDecimal(rubric.scale.max, comma)}`;
}

/** Whether the rubric counts scores from its minimum (`range` on a scale that does not start at 0). */
export function countsFromMinimum(rubric: Rubric): boolean {
  return rubric.conversion === 'range' && rubric.scale.min !== 0;
}

/** What a sheet with every criterion at the scale's minimum is worth on 0–100. */
export function lowestTotal(rubric: Rubric): number {
  if (rubric.conversion === 'range' || rubric.scale.max <= 0) return 0;
  return (rubric.scale.min / rubric.scale.max) * 100;
}

/** The juror total's formula for a rubric. */
export function rubricFormula(rubric: Rubric, t: Translate, locale: Locale): string {
  const comma = locale === 'id';
  const values = {
    min: showDecimal(rubric.scale.min, comma),
    max: showDecimal(rubric.scale.max, comma),
    scale: scaleText(rubric, locale),
  };
  return countsFromMinimum(rubric) ? t('formula.range', values) : t('formula.ofMax', values);
}

/**
 * The formula of a stage's score: its rubric's, or for a final the weighted sum of its stages;
 * `null` for a stage without either (screening).
 */
export function stageFormula(
  definition: Definition,
  stageId: string,
  t: Translate,
  locale: Locale,
): string | null {
  const stage = definition.stages.find((item) => item.id === stageId);
  if (!stage) return null;
  if (stage.rubric) return rubricFormula(stage.rubric, t, locale);
  const combine = stage.combine ?? [];
  if (combine.length === 0) return null;
  const comma = locale === 'id';
  const parts = combine
    .map((part) => {
      const name = definition.stages.find((item) => item.id === part.stage)?.name || part.stage;
      return `${showDecimal(part.weight, comma)} % × ${name}`;
    })
    .join(' + ');
  return t('formula.final', { parts });
}
