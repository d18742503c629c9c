/**
 * Small counting fakes of the injected services (in the style of apps-script-oauth2's tests): an in-memory store
 * that counts its reads and writes, and a lock that counts how often it was taken and can be made unavailable.
 */
import type { Locker } from '../../src/gas/lock';
import type { KeyValueStore } from '../../src/gas/store';

/** A document store in memory, counting every call by method. */
export class FakeStore implements KeyValueStore {
  readonly data: Map<string, string>;
  readonly calls = { get: 0, set: 0, delete: 0, all: 0 };
  /** When set, a write fails as Apps Script does when the store is full. */
  full = false;

  constructor(initial: Record<string, string> = {}) {
    this.data = new Map(Object.entries(initial));
  }

  get(key: string): string | null {
    this.calls.get++;
    return this.data.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.calls.set++;
    if (this.full) throw new Error('You have exceeded the property storage quota.');
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.calls.delete++;
    this.data.delete(key);
  }

  all(): Record<string, string> {
    this.calls.all++;
    return Object.fromEntries(this.data);
  }

  /** Reads of any kind: what a run costs in PropertiesService calls. */
  get reads(): number {
    return this.calls.get + this.calls.all;
  }

  json<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
}

/** A document lock: free unless `available` is false; counts how often it was taken. */
export class FakeLock implements Locker {
  taken = 0;
  available = true;

  withLock<T>(_waitMs: number, work: () => T): { acquired: true; value: T } | { acquired: false } {
    if (!this.available) return { acquired: false };
    this.taken++;
    return { acquired: true, value: work() };
  }
}
