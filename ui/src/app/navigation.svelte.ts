// Which mode (juror or chair) and which screen the window shows. The mode is remembered between
// starts; the screen always starts at the mode's home.
import type { IconName } from '../lib/components/Icon.svelte';
import type { MessageKey } from '../lib/i18n';

export const MODES = ['juror', 'chair'] as const;
export type Mode = (typeof MODES)[number];

/** A screen reachable from the sidebar. `modes` lists the modes whose sidebar shows it. */
export interface RouteEntry<Id extends string = string> {
  id: Id;
  label: MessageKey;
  icon: IconName;
  modes: readonly Mode[];
}

const STORAGE_KEY = 'juri.mode';

function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

export class Navigation<Id extends string> {
  mode = $state<Mode>('juror');
  route = $state('' as Id);
  readonly #routes: readonly RouteEntry<Id>[];
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'>;

  constructor(routes: readonly RouteEntry<Id>[], storage: Pick<Storage, 'getItem' | 'setItem'>) {
    if (routes.length === 0) throw new Error('Navigation needs at least one route');
    this.#routes = routes;
    this.#storage = storage;
    const saved = storage.getItem(STORAGE_KEY);
    this.mode = isMode(saved) ? saved : 'juror';
    this.route = this.#homeOf(this.mode);
  }

  /** The sidebar entries of the current mode, in order. */
  get entries(): RouteEntry<Id>[] {
    return this.#routes.filter((entry) => entry.modes.includes(this.mode));
  }

  get current(): RouteEntry<Id> {
    return this.#routes.find((entry) => entry.id === this.route) ?? this.entries[0]!;
  }

  setMode(mode: Mode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.#storage.setItem(STORAGE_KEY, mode);
    this.route = this.#homeOf(mode);
  }

  /** Shows a screen; a screen the current mode does not offer is ignored. */
  go(id: Id): void {
    if (this.entries.some((entry) => entry.id === id)) this.route = id;
  }

  #homeOf(mode: Mode): Id {
    const home = this.#routes.find((entry) => entry.modes.includes(mode));
    if (!home) throw new Error(`no route offered in ${mode} mode`);
    return home.id;
  }
}
