// The photos of field notes shown as images: each JPEG is fetched once by its SHA-256 and shown
// through an object URL, which is released when the photo leaves the list or the screen closes.
import { toApiError } from '../api';

export type PhotoState =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'failed'; message: string };

export class PhotoUrls {
  /** Each listed photo's state, by SHA-256. */
  states = $state<Record<string, PhotoState>>({});
  readonly #fetch: (sha256: string) => Promise<ArrayBuffer>;
  // The latest load of each photo: a load that finishes after the photo left (or was loaded
  // again) releases its URL instead of showing it.
  #loads = new Map<string, number>();
  #counter = 0;
  #released = false;

  /** `fetch` reads a photo's JPEG bytes. */
  constructor(fetch: (sha256: string) => Promise<ArrayBuffer>) {
    this.#fetch = fetch;
  }

  /** Loads the photos of `list` not loaded yet, and releases those no longer in it. */
  show(list: readonly string[]): void {
    if (this.#released) return;
    const wanted = new Set(list);
    for (const [sha256, state] of Object.entries(this.states)) {
      if (wanted.has(sha256)) continue;
      if (state.status === 'ready') URL.revokeObjectURL(state.url);
      delete this.states[sha256];
      this.#loads.delete(sha256);
    }
    for (const sha256 of wanted) {
      if (!(sha256 in this.states)) void this.#load(sha256);
    }
  }

  /** The URL to show a photo with, once it is loaded. */
  url(sha256: string): string | null {
    const state = this.states[sha256];
    return state?.status === 'ready' ? state.url : null;
  }

  /** Releases every URL; nothing is loaded any more (the component is going). */
  release(): void {
    this.#released = true;
    for (const state of Object.values(this.states)) {
      if (state.status === 'ready') URL.revokeObjectURL(state.url);
    }
    this.states = {};
    this.#loads.clear();
  }

  async #load(sha256: string): Promise<void> {
    const load = ++this.#counter;
    this.#loads.set(sha256, load);
    this.states[sha256] = { status: 'loading' };
    try {
      const bytes = await this.#fetch(sha256);
      const url = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
      if (this.#loads.get(sha256) !== load) {
        URL.revokeObjectURL(url);
        return;
      }
      this.states[sha256] = { status: 'ready', url };
    } catch (failure) {
      if (this.#loads.get(sha256) === load) {
        this.states[sha256] = { status: 'failed', message: toApiError(failure).message };
      }
    }
  }
}
