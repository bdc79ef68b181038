// The juror's workspace as the window sees it: the installed package (if any), progress per
// stage, and the stage being scored.
import { jurorStart, toApiError, type ApiError, type JurorStart } from '../../lib/api';

export type WorkspaceState =
  | { status: 'loading' }
  | { status: 'ready'; start: JurorStart }
  | { status: 'error'; error: ApiError };

export class Workspace {
  state = $state<WorkspaceState>({ status: 'loading' });
  stage = $state('');
  /** Bumped after every change, so lists reload. */
  revision = $state(0);
  readonly #start: typeof jurorStart;

  constructor(start = jurorStart) {
    this.#start = start;
  }

  get start(): JurorStart | null {
    return this.state.status === 'ready' ? this.state.start : null;
  }

  async load(): Promise<void> {
    try {
      const start = await this.#start();
      this.state = { status: 'ready', start };
      if (!start.stages.some((stage) => stage.stage === this.stage)) {
        this.stage =
          start.stages.find((stage) => stage.submitted < stage.assigned)?.stage ??
          start.stages[0]?.stage ??
          '';
      }
    } catch (reason) {
      this.state = { status: 'error', error: toApiError(reason) };
    }
    this.revision += 1;
  }
}

export const workspace = new Workspace();
