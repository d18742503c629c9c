import type { Clock } from './clock';
import { GasError } from './errors';

/**
 * One Apps Script execution: who runs it, since when, and in which mode. Locks are held by executions; every
 * bundle context is its own execution, so two contexts behave like two concurrent runs.
 */
export type ExecutionMode = 'host' | 'interactive' | 'trigger';

export interface ExecutionHost {
  readonly clock: Clock;
  currentUser(): string;
  executionLimitMs: number;
  releaseLocksOf(execution: Execution): void;
}

let nextExecutionId = 1;

export class Execution {
  readonly id = nextExecutionId++;
  /** Nesting depth of call/begin: locks are released when it returns to zero. */
  private depth = 0;
  private open = false;
  private startedAt = 0;

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

  /** Enters a call; the outermost one starts the execution clock. */
  enter(): void {
    if (!this.active) this.startedAt = this.host.clock.now();
    this.depth++;
  }

  /** Leaves a call; when nothing is left open the execution ends and its locks are released. */
  leave(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (!this.active) this.host.releaseLocksOf(this);
  }

  /** Keeps the execution running after the current call returns (BundleContext.begin). */
  keepOpen(): void {
    if (!this.active) this.startedAt = this.host.clock.now();
    this.open = true;
  }

  close(): void {
    this.open = false;
    if (!this.active) this.host.releaseLocksOf(this);
  }

  /** Apps Script stops an execution after 6 minutes; service calls past that point fail. */
  checkTime(): void {
    const limit = this.host.executionLimitMs;
    if (this.mode === 'host' || !this.active || limit <= 0) return;
    if (this.host.clock.now() - this.startedAt > limit) throw new GasError('Exceeded maximum execution time');
  }
}
