// Short notices in the corner of the window. Success and information notices leave on their own;
// errors stay until the user closes them, so nothing important vanishes unread.

export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** Already translated text. */
  message: string;
  /** An optional second line, e.g. the technical detail of an error. */
  detail?: string;
}

/** How long a notice of each kind stays, in milliseconds; `null` means until closed. */
export const TOAST_DURATION: Record<ToastKind, number | null> = {
  success: 5000,
  info: 5000,
  error: null,
};

/** At most this many notices are shown; the oldest give way. */
export const MAX_TOASTS = 4;

export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(kind: ToastKind, message: string, detail?: string): number {
    const id = this.#nextId++;
    const toast: Toast = detail === undefined ? { id, kind, message } : { id, kind, message, detail };
    const kept = [...this.items, toast];
    for (const dropped of kept.slice(0, Math.max(0, kept.length - MAX_TOASTS))) {
      this.#clearTimer(dropped.id);
    }
    this.items = kept.slice(-MAX_TOASTS);
    const duration = TOAST_DURATION[kind];
    if (duration !== null) {
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), duration),
      );
    }
    return id;
  }

  success(message: string, detail?: string): number {
    return this.show('success', message, detail);
  }

  info(message: string, detail?: string): number {
    return this.show('info', message, detail);
  }

  error(message: string, detail?: string): number {
    return this.show('error', message, detail);
  }

  dismiss(id: number): void {
    this.#clearTimer(id);
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  clear(): void {
    for (const id of this.#timers.keys()) this.#clearTimer(id);
    this.items = [];
  }

  #clearTimer(id: number): void {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
  }
}

/** The app's one notice area. */
export const toasts = new Toasts();
