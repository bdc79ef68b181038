// Prints blank score sheets and opens the PDF in the system viewer, with notices either way.
import { openDocument, printBlankSheets, toApiError } from '../../lib/api';
import type { Translate } from '../../lib/i18n';
import { toasts } from '../../lib/stores/toasts.svelte';

export async function printBlank(
  t: Translate,
  stage: string,
  entry: string | null,
  english: boolean,
): Promise<string | null> {
  try {
    const path = await printBlankSheets(stage, entry, english);
    toasts.success(t('documents.printed'), path);
    await openDocument(path).catch((reason: unknown) =>
      toasts.error(t('documents.openFailed'), toApiError(reason).message),
    );
    return path;
  } catch (reason) {
    const error = toApiError(reason);
    toasts.error(t(`errors.${error.code}`), error.message);
    return null;
  }
}
