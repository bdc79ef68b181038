// The chair's backups: when the last one was saved, whether a merge or a finalisation came after it
// (the reminder shows then), and saving one to a file the chair chooses.
import {
  backupStatus,
  chooseSaveLocation,
  saveBackup,
  toApiError,
  type ApiError,
  type BackupReport,
  type BackupStatus,
} from '../../lib/api';

export class Backups {
  status = $state<BackupStatus | null>(null);
  saving = $state(false);
  /** The change the chair said "later" to: the reminder hides until a newer one. */
  dismissed = $state<string | null>(null);
  readonly #status: typeof backupStatus;
  readonly #save: typeof saveBackup;
  readonly #choose: typeof chooseSaveLocation;

  constructor(status = backupStatus, save = saveBackup, choose = chooseSaveLocation) {
    this.#status = status;
    this.#save = save;
    this.#choose = choose;
  }

  /** Whether the reminder shows: a change the last backup does not hold, not put off. */
  get reminding(): boolean {
    const status = this.status;
    return !!status && status.due && status.changed_at !== this.dismissed;
  }

  async refresh(): Promise<void> {
    try {
      this.status = await this.#status();
    } catch {
      // No competition open (or an archived one that cannot be read): no reminder.
      this.status = null;
    }
  }

  later(): void {
    this.dismissed = this.status?.changed_at ?? null;
  }

  /** Asks where to save (the competition's id and today's date as the name), saves, and refreshes
   *  the status. `null` when the chair cancels. */
  async save(title: string, filterName: string, competitionId: string): Promise<BackupReport | null> {
    const today = new Date().toISOString().slice(0, 10);
    const file = await this.#choose(title, `cadangan-${competitionId}-${today}.juri-backup`, [
      { name: filterName, extensions: ['juri-backup'] },
    ]);
    if (!file) return null;
    this.saving = true;
    try {
      const report = await this.#save(file);
      await this.refresh();
      return report;
    } finally {
      this.saving = false;
    }
  }
}

export const backups = new Backups();

export type { ApiError };
export { toApiError };
