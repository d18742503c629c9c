import { CACHE_DEFAULT_SECONDS, type CacheStore } from '../cache';
import type { Env } from '../env';
import { GasError, isPlainRecord, signatureError } from '../errors';

/** CacheService: document, script and per-user caches; expiry follows the emulation clock. */

export interface CacheApi {
  get(key: string): string | null;
  getAll(keys: string[]): Record<string, string>;
  put(key: string, value: string, expirationInSeconds?: number): void;
  putAll(values: Record<string, string>, expirationInSeconds?: number): void;
  remove(key: string): void;
  removeAll(keys: string[]): void;
}

function keyOf(key: unknown): string {
  if (key === null || key === undefined) throw new GasError('Invalid argument: key');
  return String(key);
}

function keysOf(keys: unknown, method: string): string[] {
  if (!Array.isArray(keys)) throw signatureError(method, [keys]);
  return keys.map(keyOf);
}

function seconds(value: unknown): number {
  return value === undefined ? CACHE_DEFAULT_SECONDS : Number(value);
}

function createCache(env: Env, store: CacheStore): CacheApi {
  return env.wrap('Cache', {
    get: (key: string) => store.get(keyOf(key)),
    getAll(keys: string[]) {
      const found: Record<string, string> = {};
      for (const key of keysOf(keys, 'CacheService.Cache.getAll')) {
        const value = store.get(key);
        if (value !== null) found[key] = value;
      }
      return env.realm.record(found);
    },
    put(key: string, value: string, expirationInSeconds?: number) {
      store.putAll({ [keyOf(key)]: String(value) }, seconds(expirationInSeconds));
    },
    putAll(values: Record<string, string>, expirationInSeconds?: number) {
      if (!isPlainRecord(values)) throw signatureError('CacheService.Cache.putAll', [values]);
      const strings = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
      store.putAll(strings, seconds(expirationInSeconds));
    },
    remove(key: string) {
      store.remove(keyOf(key));
    },
    removeAll(keys: string[]) {
      for (const key of keysOf(keys, 'CacheService.Cache.removeAll')) store.remove(key);
    },
  });
}

export function createCacheService(env: Env) {
  const caches = env.state.caches;
  return env.wrap('CacheService', {
    getDocumentCache: () => createCache(env, caches.document),
    getScriptCache: () => createCache(env, caches.script),
    getUserCache: () => createCache(env, caches.user(env.exec.user())),
  });
}
