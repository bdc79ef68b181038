// Asks the user to confirm an action: `if (await confirmAction({...})) { ... }`. The shell renders
// the one `ConfirmDialog` that shows the pending request.

export interface ConfirmRequest {
  /** Already translated texts. */
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action: the confirm button is red and the cancel button has the focus. */
  danger?: boolean;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

export class ConfirmQueue {
  current = $state<ConfirmRequest | null>(null);
  #pending: Pending[] = [];

  /** Resolves to `true` when the user confirms, `false` when they cancel or press Escape. */
  ask(request: ConfirmRequest): Promise<boolean> {
    return new Promise((resolve) => {
      this.#pending.push({ ...request, resolve });
      if (this.current === null) this.#showNext();
    });
  }

  /** Answers the request on screen and shows the next one, if any. */
  answer(confirmed: boolean): void {
    const head = this.#pending.shift();
    if (!head) return;
    head.resolve(confirmed);
    this.#showNext();
  }

  #showNext(): void {
    const next = this.#pending[0];
    this.current = next
      ? {
          title: next.title,
          message: next.message,
          confirmLabel: next.confirmLabel,
          cancelLabel: next.cancelLabel,
          danger: next.danger ?? false,
        }
      : null;
  }
}

export const confirmQueue = new ConfirmQueue();

export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  return confirmQueue.ask(request);
}
