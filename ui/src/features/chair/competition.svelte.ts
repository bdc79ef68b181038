// The chair's competition as the whole window sees it: whether one is open, its overview, the stage
// the chair is looking at, and a revision number that screens watch to reload after any change.
import {
  chairOverview,
  chairStart,
  toApiError,
  type ApiError,
  type Overview,
} from '../../lib/api';
import type { StageKind } from '../../lib/bindings/StageKind';
import type { StageSummary } from '../../lib/bindings/StageSummary';

export type CompetitionState =
  | { status: 'loading' }
  | { status: 'none'; demoRequested: boolean }
  | { status: 'open'; overview: Overview }
  | { status: 'error'; error: ApiError };

export class Competition {
  state = $state<CompetitionState>({ status: 'loading' });
  /** Bumped after every change, so screens reload what they show. */
  revision = $state(0);
  /** The stage the chair chose last; screens fall back to one of the kinds they handle. */
  stage = $state('');
  /** The app was started with `--demo`. */
  demoRequested = $state(false);
  /** The chair asked for a new competition while one is open: the start screen shows. */
  creating = $state(false);
  readonly #start: typeof chairStart;
  readonly #overview: typeof chairOverview;

  constructor(start = chairStart, overview = chairOverview) {
    this.#start = start;
    this.#overview = overview;
  }

  get overview(): Overview | null {
    return this.state.status === 'open' ? this.state.overview : null;
  }

  get stages(): StageSummary[] {
    return this.overview?.stages ?? [];
  }

  /** A category's name from the definition; its id when the definition does not name it. */
  categoryName(id: string): string {
    return this.overview?.categories.find((category) => category.id === id)?.name ?? id;
  }

  /** Opens the competition in the data folder (the first call on start-up). */
  async load(): Promise<void> {
    this.state = { status: 'loading' };
    try {
      const start = await this.#start();
      this.demoRequested = start.demoRequested;
      if (start.competition) this.opened(start.competition);
      else this.state = { status: 'none', demoRequested: start.demoRequested };
    } catch (reason) {
      this.state = { status: 'error', error: toApiError(reason) };
    }
  }

  /** A competition was created or opened. */
  opened(overview: Overview): void {
    this.creating = false;
    this.state = { status: 'open', overview };
    if (!overview.stages.some((stage) => stage.id === this.stage)) {
      this.stage = overview.current_stage ?? overview.stages[0]?.id ?? '';
    }
    this.revision += 1;
  }

  /** The competition was archived: the start screen shows again. */
  closed(): void {
    this.creating = false;
    this.state = { status: 'none', demoRequested: false };
    this.stage = '';
    this.revision += 1;
  }

  /** Something changed (import, decision, finalisation): reload the overview and tell the screens. */
  async refresh(): Promise<void> {
    try {
      const overview = await this.#overview();
      this.state = { status: 'open', overview };
    } catch (reason) {
      this.state = { status: 'error', error: toApiError(reason) };
    }
    this.revision += 1;
  }

  /** The chosen stage if it is of one of `kinds`, else the first such stage. */
  stageOf(kinds: readonly StageKind[]): StageSummary | null {
    const allowed = this.stages.filter((stage) => kinds.includes(stage.kind));
    return allowed.find((stage) => stage.id === this.stage) ?? allowed[0] ?? null;
  }
}

export const competition = new Competition();
