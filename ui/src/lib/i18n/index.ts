// The UI's languages, built on svelte-i18n. Components use the typed `t` store
// (`$t('nav.home')`), `formatDate` / `formatNumber` for values, and `setLocale` to switch.
import { _, addMessages, init, locale as i18nLocale } from 'svelte-i18n';
import { derived, type Readable } from 'svelte/store';
import { en } from './messages.en';
import { id } from './messages.id';
import { DEFAULT_LOCALE, isLocale, type Locale, type MessageKey } from './types';

export { LOCALES, DEFAULT_LOCALE, isLocale, type Locale, type MessageKey } from './types';
export { formatDate, formatNumber, formatPlaceDate, formatSize } from './format';

const STORAGE_KEY = 'juri.locale';

/** Values for ICU placeholders such as `{count}`. */
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

addMessages('id', id);
addMessages('en', en);

/** Loads the catalogues and picks the saved language, or Bahasa Indonesia. Call once at start-up. */
export function setupI18n(storage: Pick<Storage, 'getItem'> = localStorage): Locale {
  const saved = storage.getItem(STORAGE_KEY);
  const initial = isLocale(saved) ? saved : DEFAULT_LOCALE;
  void init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: initial });
  applyDocumentLanguage(initial);
  return initial;
}

/** Switches the UI language and remembers it for the next start. */
export function setLocale(next: Locale, storage: Pick<Storage, 'setItem'> = localStorage): void {
  void i18nLocale.set(next);
  storage.setItem(STORAGE_KEY, next);
  applyDocumentLanguage(next);
}

/** The current language (Bahasa Indonesia until `setupI18n` or `setLocale` says otherwise). */
export const locale: Readable<Locale> = derived(i18nLocale, (value) =>
  isLocale(value) ? value : DEFAULT_LOCALE,
);

/** The message formatter, typed so that only existing keys compile. */
export const t: Readable<Translate> = derived(
  _,
  (format) =>
    (key: MessageKey, values?: MessageValues): string =>
      format(key, values ? { values } : undefined),
);

function applyDocumentLanguage(value: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}
