import type { Clock } from './clock';
import { GasError } from './errors';

/** CacheService stores: 250-char keys, 100 KB values, 1 s – 6 h lifetimes, at most 1,000 items. */

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
const CACHE_MAX_ITEMS = 1000;
const CACHE_KEEP_ITEMS = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  private readonly map = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  get(key: string): string | null {
    const entry = this.map.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now()) {
      this.map.delete(key);
      return null;
    }
    return entry.value;
  }

  /** Checks a batch first, then stores it: a rejected putAll stores nothing. */
  putAll(values: Record<string, string>, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > CACHE_MAX_SECONDS) {
      throw new GasError('Invalid argument: expirationInSeconds');
    }
    for (const [key, value] of Object.entries(values)) {
      if (key === '') throw new GasError('Invalid argument: key');
      if (key.length > CACHE_KEY_LIMIT) throw new GasError('Argument too large: key');
      if (Buffer.byteLength(value, 'utf8') > CACHE_VALUE_LIMIT) throw new GasError('Argument too large: value');
    }
    const expiresAt = this.clock.now() + Math.floor(seconds) * 1000;
    for (const [key, value] of Object.entries(values)) {
      this.map.delete(key);
      this.map.set(key, { value, expiresAt });
    }
    this.evict();
  }

  remove(key: string): void {
    this.map.delete(key);
  }

  size(): number {
    return this.map.size;
  }

  /** Past 1,000 items the cache keeps the 900 farthest from expiring. */
  private evict(): void {
    if (this.map.size <= CACHE_MAX_ITEMS) return;
    const keep = [...this.map].sort(([, a], [, b]) => b.expiresAt - a.expiresAt).slice(0, CACHE_KEEP_ITEMS);
    this.map.clear();
    for (const [key, entry] of keep) this.map.set(key, entry);
  }
}

export class CacheStores {
  readonly document: CacheStore;
  readonly script: CacheStore;
  private readonly users = new Map<string, CacheStore>();

  constructor(private readonly clock: Clock) {
    this.document = new CacheStore(clock);
    this.script = new CacheStore(clock);
  }

  user(email: string): CacheStore {
    let store = this.users.get(email);
    if (!store) {
      store = new CacheStore(this.clock);
      this.users.set(email, store);
    }
    return store;
  }
}
