// Data loaded from the Rust side, with the three states every screen shows: loading, error, ready.
import { toApiError, type ApiError } from '../api';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export class Resource<T> {
  state = $state<ResourceState<T>>({ status: 'loading' });
  readonly #load: () => Promise<T>;
  #generation = 0;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** Loads (again). A reload started later wins over one still running. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.state = { status: 'loading' };
    try {
      const data = await this.#load();
      if (generation === this.#generation) this.state = { status: 'ready', data };
    } catch (reason) {
      if (generation === this.#generation) this.state = { status: 'error', error: toApiError(reason) };
    }
  }
}

/** Creates a resource and starts loading it. */
export function resource<T>(load: () => Promise<T>): Resource<T> {
  const created = new Resource(load);
  void created.reload();
  return created;
}
