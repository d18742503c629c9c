import { GasError, isPlainRecord, signatureError } from './errors';

/** PropertiesService stores, with the real limits: 9 KB per property, 500 KB per store. */

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class PropertyStore {
  private readonly map = new Map<string, string>();

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  entries(): Record<string, string> {
    return Object.fromEntries(this.map);
  }

  /** Bytes used: keys plus values, UTF-8. */
  size(): number {
    let total = 0;
    for (const [key, value] of this.map) total += bytes(key) + bytes(value);
    return total;
  }

  /** Sets several properties at once, all or nothing. */
  setAll(updates: Record<string, string>, deleteAllOthers: boolean): void {
    for (const [key, value] of Object.entries(updates)) {
      if (key === '') throw new GasError('Invalid argument: key');
      if (bytes(key) + bytes(value) > PROPERTY_VALUE_LIMIT) throw new GasError('Argument too large: value');
    }
    const next = new Map(deleteAllOthers ? [] : this.map);
    for (const [key, value] of Object.entries(updates)) next.set(key, value);
    let total = 0;
    for (const [key, value] of next) total += bytes(key) + bytes(value);
    if (total > PROPERTY_STORE_LIMIT) throw new GasError(QUOTA_MESSAGE);
    this.map.clear();
    for (const [key, value] of next) this.map.set(key, value);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

export class PropertyStores {
  readonly document = new PropertyStore();
  readonly script = new PropertyStore();
  private readonly users = new Map<string, PropertyStore>();

  user(email: string): PropertyStore {
    let store = this.users.get(email);
    if (!store) {
      store = new PropertyStore();
      this.users.set(email, store);
    }
    return store;
  }
}

/** Validates and stringifies the argument of setProperties. */
export function toPropertyRecord(value: unknown, method: string): Record<string, string> {
  if (!isPlainRecord(value)) throw signatureError(method, [value]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
