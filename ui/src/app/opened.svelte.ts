// A `.juri` file the app was started with (opened from the file manager): a juror's package goes
// to the juror's home, its access code still to type; a score bundle goes to the chair's bundles
// screen, which shows what merging it would change.
import { openedFile, toApiError, type OpenedFile } from '../lib/api';
import { toasts } from '../lib/stores/toasts.svelte';
import { navigation } from './state.svelte';

class Opened {
  /** A package waiting for the juror's home to pick it up. */
  package = $state<string | null>(null);
  /** Bundles waiting for the bundles screen to preview them. */
  bundles = $state<string[]>([]);

  takePackage(): string | null {
    const file = this.package;
    this.package = null;
    return file;
  }

  takeBundles(): string[] {
    const files = this.bundles;
    this.bundles = [];
    return files;
  }

  /** Routes a file to the screen that handles it. */
  route(file: OpenedFile): void {
    if (file.kind === 'package') {
      this.package = file.path;
      navigation.setMode('juror');
      navigation.go('home');
    } else {
      this.bundles = [file.path];
      navigation.setMode('chair');
      navigation.go('bundles');
    }
  }

  /** Asks the shell for the file the app was started with, once. */
  async load(failed: (title: string, message: string) => void = (t, m) => toasts.error(t, m)): Promise<void> {
    try {
      const file = await openedFile();
      if (file) this.route(file);
    } catch (reason) {
      const error = toApiError(reason);
      failed(error.code, error.message);
    }
  }
}

export const opened = new Opened();
