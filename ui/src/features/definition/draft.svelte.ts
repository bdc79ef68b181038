// The definition being edited: the forms write into `definition`, every change is validated on the
// Rust side (the same `Definition::validate` the file import uses) shortly after typing stops, and
// numbers the user typed that are not numbers yet are reported here with their place.
import {
  definitionWarnings,
  saveDefinition,
  toApiError,
  validateDefinition,
  type Definition,
  type DefinitionView,
  type Problem,
  type WeightWarning,
} from '../../lib/api';
import type { StageDef } from '../../lib/bindings/StageDef';
import type { StageKind } from '../../lib/bindings/StageKind';

/** Milliseconds of quiet after the last keystroke before the definition is checked. */
export const VALIDATE_DELAY = 150;

export { parseDecimal, showDecimal } from '../../lib/decimal';

/** A new stage of a kind, with the fields that kind needs. */
export function newStage(kind: StageKind, index: number): StageDef {
  const base: StageDef = {
    id: `tahap-${index + 1}`,
    name: '',
    kind,
    scope: kind === 'final' ? 'all' : 'category',
    aggregation: { method: 'mean', trim: 1 },
    disagreement_tolerance: 15,
  };
  if (kind === 'screening') return { ...base, checklist: [], reasons: [{ code: 'A1', label: '' }] };
  if (kind === 'scoring') {
    return {
      ...base,
      rubric: {
        scale: { min: 0, max: 100, step: 1 },
        criteria: [{ id: 'kriteria-1', name: '', weight: 100 }],
      },
      tie_break: [],
      advance: { top_per_category: 5 },
    };
  }
  return { ...base, combine: [], awards: [] };
}

export class DefinitionDraft {
  definition = $state<Definition>() as Definition;
  version = $state(0);
  /** Problems found by `Definition::validate`. */
  checked = $state<Problem[]>([]);
  /** What the definition's conversions do to a final's weights: said, not refused. */
  warnings = $state<WeightWarning[]>([]);
  /** Fields whose text is not a number yet, by place. */
  unreadable = $state<Record<string, string>>({});
  dirty = $state(false);
  checking = $state(false);
  saving = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;
  /** The definition as last saved, and as last seen by `changed`, as JSON. */
  #savedJson: string;
  #seenJson: string;
  readonly #validate: typeof validateDefinition;
  readonly #save: typeof saveDefinition;
  readonly #warn: typeof definitionWarnings;

  constructor(
    view: DefinitionView,
    validate = validateDefinition,
    save = saveDefinition,
    warn = definitionWarnings,
  ) {
    // A deep copy that is not reactive: the view may be a reactive proxy, which cannot be cloned.
    this.definition = structuredClone($state.snapshot(view.definition)) as Definition;
    this.version = view.version;
    this.#savedJson = JSON.stringify(this.definition);
    this.#seenJson = this.#savedJson;
    this.#validate = validate;
    this.#save = save;
    this.#warn = warn;
  }

  /** Every problem: unreadable numbers first, then what validation found. */
  get problems(): Problem[] {
    const local = Object.entries(this.unreadable).map(([place, message]) => ({ place, message }));
    return [...local, ...this.checked];
  }

  /** Saving checks once more first, so a check still running does not block the button. */
  get canSave(): boolean {
    return this.dirty && !this.saving && (this.checking || this.problems.length === 0);
  }

  /** How many problems sit under a place prefix (e.g. `stages[1]`), for the tabs. */
  countAt(prefix: string): number {
    return this.problems.filter((problem) => problem.place.startsWith(prefix)).length;
  }

  /** A field's text could not be read as a number (`message`), or can again (`null`). */
  setUnreadable(place: string, message: string | null): void {
    const next = { ...this.unreadable };
    if (message === null) delete next[place];
    else next[place] = message;
    this.unreadable = next;
  }

  /**
   * The user may have changed something (an input or change event): when the definition differs
   * from what was last seen, check it again once typing stops. Leaving a field unchanged does not
   * count as a change.
   */
  changed(): void {
    const json = JSON.stringify($state.snapshot(this.definition));
    const unread = Object.keys(this.unreadable).length > 0;
    if (json === this.#seenJson && !unread) return;
    this.#seenJson = json;
    this.dirty = json !== this.#savedJson || unread;
    this.checking = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.validate(), VALIDATE_DELAY);
  }

  /** Checks the definition now; a check started later wins over one still running. */
  async validate(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const generation = ++this.#generation;
    this.checking = true;
    try {
      const definition = $state.snapshot(this.definition) as Definition;
      const [problems, warnings] = await Promise.all([
        this.#validate(definition),
        this.#warn(definition).catch(() => [] as WeightWarning[]),
      ]);
      if (generation === this.#generation) {
        this.checked = problems;
        this.warnings = warnings;
      }
    } catch (reason) {
      const error = toApiError(reason);
      if (generation === this.#generation) {
        this.checked = error.problems.length
          ? error.problems
          : [{ place: 'definition', message: error.message }];
      }
    } finally {
      if (generation === this.#generation) this.checking = false;
    }
  }

  /** Records the definition as a new version; resolves to its number. */
  async save(): Promise<number> {
    await this.validate();
    if (this.problems.length > 0) throw new Error('the definition still has problems');
    this.saving = true;
    try {
      const saved = $state.snapshot(this.definition) as Definition;
      const version = await this.#save(saved);
      this.version = version;
      this.#savedJson = JSON.stringify(saved);
      this.dirty = false;
      return version;
    } finally {
      this.saving = false;
    }
  }

  addStage(kind: StageKind): number {
    this.definition.stages.push(newStage(kind, this.definition.stages.length));
    this.changed();
    return this.definition.stages.length - 1;
  }

  removeStage(index: number): void {
    this.definition.stages.splice(index, 1);
    this.unreadable = Object.fromEntries(
      Object.entries(this.unreadable).filter(([place]) => !place.startsWith('stages[')),
    );
    this.changed();
  }

  moveStage(index: number, step: -1 | 1): void {
    const target = index + step;
    const stages = this.definition.stages;
    if (target < 0 || target >= stages.length) return;
    [stages[index], stages[target]] = [stages[target]!, stages[index]!];
    this.changed();
  }
}
