/** Counts every emulated service method call by `Class.method` (e.g. 'Range.setValues'). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Calls of one method, e.g. count('UrlFetchApp.fetchAll'). */
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Calls of every method whose name starts with `prefix` (e.g. 'Range.'); all calls without a prefix. */
  total(prefix = ''): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (name.startsWith(prefix)) sum += n;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
