import type { Execution } from './execution';

/** Who holds which lock. Keys: 'document:<id>', 'script', 'user:<email>'. One holder (an execution) per key. */
export class LockTable {
  private readonly holders = new Map<string, Execution>();

  holder(key: string): Execution | undefined {
    return this.holders.get(key);
  }

  /** Takes the lock if it is free or already ours. */
  tryAcquire(key: string, execution: Execution): boolean {
    const current = this.holders.get(key);
    if (current && current !== execution) return false;
    this.holders.set(key, execution);
    return true;
  }

  release(key: string, execution: Execution): void {
    if (this.holders.get(key) === execution) this.holders.delete(key);
  }

  releaseAll(execution: Execution): void {
    for (const [key, holder] of [...this.holders]) if (holder === execution) this.holders.delete(key);
  }

  heldKeys(): string[] {
    return [...this.holders.keys()];
  }
}
