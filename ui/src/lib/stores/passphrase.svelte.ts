// The chair's passphrase, asked once per session before the chair's keys are used (issuing
// packages makes them; a merge opens them): `if (!(await passphrase.ensure(false))) return;`. The
// shell renders the one `PassphraseDialog` that shows the pending request.
import {
  chairPassphraseNeeded,
  chairUnlock,
  toApiError,
  type PassphraseNeeded,
} from '../api';

export class PassphraseGate {
  /** The request on screen: a new passphrase to choose, or the existing one. */
  asking = $state<PassphraseNeeded | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  #resolve: ((given: boolean) => void) | null = null;
  readonly #needed: typeof chairPassphraseNeeded;
  readonly #unlock: typeof chairUnlock;

  constructor(needed = chairPassphraseNeeded, unlock = chairUnlock) {
    this.#needed = needed;
    this.#unlock = unlock;
  }

  /** Resolves to `true` once the keys can be used (asking the chair if needed), `false` when the
   *  chair cancels. */
  async ensure(makingKeys: boolean): Promise<boolean> {
    const needed = await this.#needed(makingKeys);
    if (!needed) return true;
    this.error = null;
    this.asking = needed;
    return new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** The chair submitted the dialog; a wrong or too short passphrase keeps it open with the reason. */
  async submit(passphrase: string): Promise<void> {
    this.busy = true;
    try {
      await this.#unlock(passphrase);
      this.#finish(true);
    } catch (reason) {
      this.error = toApiError(reason).message;
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    this.#finish(false);
  }

  #finish(given: boolean): void {
    this.asking = null;
    this.error = null;
    const resolve = this.#resolve;
    this.#resolve = null;
    resolve?.(given);
  }
}

export const passphrase = new PassphraseGate();
