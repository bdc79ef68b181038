import type { id } from './messages.id';

/** The shape of a message catalogue: the Indonesian one, with every text widened to `string`. */
export type Messages = Widen<typeof id>;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every message key in dot notation, e.g. `"nav.home"`. */
export type MessageKey = Leaves<typeof id>;

type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

/** The languages the UI speaks; the first is the default. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
