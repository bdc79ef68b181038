import type { TemplateInfo } from '../../lib/api';
import type { MessageKey, Translate } from '../../lib/i18n';

/** The templates whose description the UI says in its own languages. */
const DESCRIBED = ['koin-yanlik-berdasi', 'kipp', 'iga', 'generic'] as const;

/**
 * What the template `name` sets up, in the window's language; a template the UI does not know
 * (a newer Juri's) keeps the description Juri gives.
 */
export function describeTemplate(name: string, templates: TemplateInfo[], t: Translate): string {
  if ((DESCRIBED as readonly string[]).includes(name)) {
    return t(`start.templateDescriptions.${name}` as MessageKey);
  }
  return templates.find((item) => item.name === name)?.description ?? '';
}
