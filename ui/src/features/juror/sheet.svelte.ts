// One entry's score sheet as the juror edits it. Every change is saved durably by the Rust side:
// on Enter, on leaving the field, and shortly after typing stops. The sheet shows "Tersimpan"
// only when everything typed is on disk.
import {
  setNote,
  setScore,
  submitSheet,
  toApiError,
  type SavedCell,
  type Sheet,
} from '../../lib/api';
import { parseDecimal } from '../../lib/decimal';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

/** Milliseconds of quiet after typing before a score is saved on its own. */
export const AUTOSAVE_DELAY = 700;

export interface Scale {
  min: number;
  max: number;
  step: number;
}

/** Why a typed score cannot be saved, or `null` when it can (an empty text clears the cell). */
export function scoreProblem(
  text: string,
  scale: Scale,
): 'notANumber' | 'outOfRange' | 'offStep' | null {
  if (text.trim() === '') return null;
  const value = parseDecimal(text);
  if (value === null) return 'notANumber';
  if (value < scale.min || value > scale.max) return 'outOfRange';
  // In thousandths, as the Rust side counts: exact for every scale in use.
  const [v, min, step] = [value, scale.min, scale.step].map((x) => Math.round(x * 1000)) as [
    number,
    number,
    number,
  ];
  if (step > 0 && (v - min) % step !== 0) return 'offStep';
  return null;
}

interface Api {
  setScore: typeof setScore;
  setNote: typeof setNote;
  submitSheet: typeof submitSheet;
}

export class SheetEditor {
  sheet = $state() as Sheet;
  /** The text in each score field, by criterion id. */
  texts = $state<Record<string, string>>({});
  comments = $state<Record<string, string>>({});
  note = $state('');
  states = $state<Record<string, SaveState>>({});
  /** A problem per field (score, `comment:<id>`, `note`), as an error code or a message. */
  problems = $state<Record<string, string>>({});
  total = $state<string | null>(null);
  filled = $state(0);
  readonly scale: Scale;
  /** Milliseconds from the last save request to its answer, for the benchmark. */
  lastSaveMs = $state(0);
  #saved: Record<string, string> = {};
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #api: Api;
  readonly #onsaved: (editor: SheetEditor) => void;

  /** `onsaved` hears every completed save and submission (to update the entry list). */
  constructor(
    sheet: Sheet,
    api: Api = { setScore, setNote, submitSheet },
    onsaved: (editor: SheetEditor) => void = () => {},
  ) {
    this.#api = api;
    this.#onsaved = onsaved;
    this.scale = {
      min: Number(sheet.scale_min),
      max: Number(sheet.scale_max),
      step: Number(sheet.scale_step),
    };
    this.#load(sheet);
  }

  #load(sheet: Sheet): void {
    this.sheet = sheet;
    this.total = sheet.total;
    this.filled = sheet.filled;
    this.note = sheet.note;
    for (const row of sheet.criteria) {
      const text = (row.value ?? '').replace('.', ',');
      this.texts[row.id] = text;
      this.comments[row.id] = row.comment;
      this.#saved[row.id] = text;
      this.#saved[`comment:${row.id}`] = row.comment;
      this.states[row.id] = 'saved';
      this.states[`comment:${row.id}`] = 'saved';
    }
    this.#saved.note = sheet.note;
    this.states.note = 'saved';
  }

  /** The sheet's overall state: saved only when every field is on disk. */
  get status(): SaveState {
    const all = Object.values(this.states);
    if (all.includes('error')) return 'error';
    if (all.includes('saving')) return 'saving';
    if (all.includes('dirty')) return 'dirty';
    return 'saved';
  }

  get locked(): boolean {
    return this.sheet.submitted;
  }

  /** The juror typed in a score field. */
  type(criterion: string, text: string): void {
    this.texts[criterion] = text;
    const problem = scoreProblem(text, this.scale);
    if (problem) this.problems[criterion] = problem;
    else delete this.problems[criterion];
    this.states[criterion] = text === this.#saved[criterion] ? 'saved' : 'dirty';
    this.#schedule(criterion, () => this.save(criterion));
  }

  typeComment(criterion: string, text: string): void {
    const key = `comment:${criterion}`;
    this.comments[criterion] = text;
    this.states[key] = text === this.#saved[key] ? 'saved' : 'dirty';
    this.#schedule(key, () => this.saveComment(criterion));
  }

  typeNote(text: string): void {
    this.note = text;
    this.states.note = text === this.#saved.note ? 'saved' : 'dirty';
    this.#schedule('note', () => this.saveNote());
  }

  /** Saves a score now (Enter, leaving the field, or the autosave). */
  async save(criterion: string): Promise<void> {
    this.#cancel(criterion);
    const text = this.texts[criterion] ?? '';
    if (text === this.#saved[criterion] || scoreProblem(text, this.scale)) {
      if (text === this.#saved[criterion]) this.states[criterion] = 'saved';
      return;
    }
    await this.#store(criterion, text, () =>
      this.#api.setScore(this.sheet.stage, this.sheet.entry, criterion, text.trim() || null),
    );
  }

  async saveComment(criterion: string): Promise<void> {
    const key = `comment:${criterion}`;
    this.#cancel(key);
    const text = this.comments[criterion] ?? '';
    if (text === this.#saved[key]) return;
    const value = this.#saved[criterion] ?? '';
    await this.#store(key, text, () =>
      this.#api.setScore(this.sheet.stage, this.sheet.entry, criterion, value.trim() || null, text),
    );
  }

  async saveNote(): Promise<void> {
    this.#cancel('note');
    const text = this.note;
    if (text === this.#saved.note) return;
    this.states.note = 'saving';
    try {
      await this.#api.setNote(this.sheet.stage, this.sheet.entry, text);
      this.#saved.note = text;
      this.states.note = this.note === text ? 'saved' : 'dirty';
      delete this.problems.note;
    } catch (reason) {
      this.states.note = 'error';
      this.problems.note = toApiError(reason).message;
    }
  }

  /** Saves whatever is still pending (before leaving the sheet or submitting). */
  async flush(): Promise<void> {
    const pending = [...this.#timers.keys()];
    for (const key of pending) {
      if (key === 'note') await this.saveNote();
      else if (key.startsWith('comment:')) await this.saveComment(key.slice('comment:'.length));
      else await this.save(key);
    }
  }

  /** Submits the sheet (or opens it again); resolves to the updated sheet. */
  async submit(submitted: boolean): Promise<void> {
    await this.flush();
    const sheet = await this.#api.submitSheet(this.sheet.stage, this.sheet.entry, submitted);
    this.#load(sheet);
    this.#onsaved(this);
  }

  async #store(key: string, text: string, request: () => Promise<SavedCell>): Promise<void> {
    this.states[key] = 'saving';
    const started = performance.now();
    try {
      const saved = await request();
      this.lastSaveMs = performance.now() - started;
      this.#saved[key] = text;
      this.total = saved.total;
      this.filled = saved.filled;
      delete this.problems[key];
      // Typing may have gone on while the save was under way.
      const now = key.startsWith('comment:')
        ? this.comments[key.slice('comment:'.length)]
        : this.texts[key];
      this.states[key] = now === text ? 'saved' : 'dirty';
      this.#onsaved(this);
    } catch (reason) {
      this.states[key] = 'error';
      this.problems[key] = toApiError(reason).message;
    }
  }

  #schedule(key: string, run: () => Promise<void>): void {
    this.#cancel(key);
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        void run();
      }, AUTOSAVE_DELAY),
    );
  }

  #cancel(key: string): void {
    const timer = this.#timers.get(key);
    if (timer) clearTimeout(timer);
    this.#timers.delete(key);
  }
}
