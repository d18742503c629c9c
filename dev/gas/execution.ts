import type { Clock } from './clock';
import { GasError } from './errors';
import { gasMessage } from './limits';

/**
 * One Apps Script execution: who runs it, since when, and in which mode. Locks are held by executions; every
 * bundle context is its own execution, so two contexts behave like two concurrent runs.
 */
export type ExecutionMode = 'host' | 'interactive' | 'trigger';

export interface ExecutionHost {
  readonly clock: Clock;
  currentUser(): string;
  executionLimitMs: number;
  /** The language of exception messages (Session.getActiveUserLocale). */
  readonly userLocale: string;
  releaseLocksOf(execution: Execution): void;
  /** An execution starts: the bundle is loaded again (its start-up cost). */
  executionStarted(execution: Execution): void;
}

/**
 * Apps Script ended the execution at its time limit. The script does not get to handle it: every later service
 * call of that execution throws this again, and the caller of the execution (BundleContext.call) gets it whatever
 * the script did with the first one.
 */
export class ExecutionTerminated extends GasError {
  override name = 'ExecutionTerminated';
}

let nextExecutionId = 1;

export class Execution {
  readonly id = nextExecutionId++;
  /** Nesting depth of call/begin: locks are released when it returns to zero. */
  private depth = 0;
  private open = false;
  private startedAt = 0;
  /** Set when the time limit ended this execution. */
  terminated: ExecutionTerminated | null = null;

  constructor(
    private readonly host: ExecutionHost,
    readonly mode: ExecutionMode,
    private readonly pinnedUser?: string,
  ) {}

  user(): string {
    return this.pinnedUser ?? this.host.currentUser();
  }

  get active(): boolean {
    return this.depth > 0 || this.open;
  }

  /**
   * Enters a call; the outermost one starts an execution (and its clock). `loading` = the bundle's first evaluation,
   * whose start-up is charged to the first call instead (a real execution loads the script, then runs the function).
   */
  enter(loading = false): void {
    if (!this.active) this.start(loading);
    this.depth++;
  }

  private start(loading = false): void {
    this.terminated = null;
    this.startedAt = this.host.clock.now();
    if (this.mode !== 'host' && !loading) this.host.executionStarted(this);
  }

  /** Time since the execution started, on the emulation clock. */
  elapsedMs(): number {
    return this.host.clock.now() - this.startedAt;
  }

  /** Leaves a call; when nothing is left open the execution ends and its locks are released. */
  leave(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (!this.active) this.host.releaseLocksOf(this);
  }

  /** Keeps the execution running after the current call returns (BundleContext.begin). */
  keepOpen(): void {
    if (!this.active) this.start();
    this.open = true;
  }

  close(): void {
    this.open = false;
    if (!this.active) this.host.releaseLocksOf(this);
  }

  /**
   * Apps Script stops an execution after 6 minutes. Past that point the execution is over: this call and every
   * later one throws (the script's catch blocks can do nothing that is seen: they cannot reach any service).
   */
  checkTime(): void {
    if (this.terminated) throw this.terminated;
    const limit = this.host.executionLimitMs;
    if (this.mode === 'host' || !this.active || limit <= 0) return;
    if (this.elapsedMs() > limit) {
      this.terminated = new ExecutionTerminated(gasMessage('executionTime', this.host.userLocale));
      throw this.terminated;
    }
  }
}
