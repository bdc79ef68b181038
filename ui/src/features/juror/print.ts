// Prints the juror's own filled sheets or blank ones and opens the PDF in the system viewer,
// with notices either way.
import { openDocument, printJurorSheets, toApiError, type JurorPrint } from '../../lib/api';
import type { Translate } from '../../lib/i18n';
import { toasts } from '../../lib/stores/toasts.svelte';

export async function printSheets(t: Translate, request: JurorPrint): Promise<string | null> {
  try {
    const path = await printJurorSheets(request);
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
