/** Key-value storage adapter over PropertiesService (values are strings; about 9 KB a value, 500 KB a store). */

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Every key and value in one read (one service call in Apps Script). */
  all(): Record<string, string>;
  /** Several keys written in one call (one setProperties in Apps Script); other keys stay as they are. */
  setAll(values: Record<string, string>): void;
}

export function propertiesStore(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      properties.setProperty(key, value);
    },
    delete: (key) => {
      properties.deleteProperty(key);
    },
    all: () => properties.getProperties(),
    setAll: (values) => {
      properties.setProperties(values);
    },
  };
}

export function documentStore(): KeyValueStore {
  return propertiesStore(PropertiesService.getDocumentProperties());
}

/** In-memory store: a throwaway cache (the connection test's token stays out of the document). */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    get: (key) => data.get(key) ?? null,
    set: (key, value) => {
      data.set(key, value);
    },
    delete: (key) => {
      data.delete(key);
    },
    all: () => Object.fromEntries(data),
    setAll: (values) => {
      for (const [key, value] of Object.entries(values)) data.set(key, value);
    },
  };
}

/**
 * `store` read once, on first use, in one call: later reads come from that copy, writes go through and update it.
 * For an execution that only looks (the sidebar's first screen), where a copy a few milliseconds old is fresh.
 */
export function readOnceStore(store: KeyValueStore): KeyValueStore {
  let copy: Record<string, string> | undefined;
  const entries = () => {
    copy ??= store.all();
    return copy;
  };
  return {
    get: (key) => entries()[key] ?? null,
    set: (key, value) => {
      store.set(key, value);
      entries()[key] = value;
    },
    delete: (key) => {
      store.delete(key);
      delete entries()[key];
    },
    all: () => ({ ...entries() }),
    setAll: (values) => {
      store.setAll(values);
      Object.assign(entries(), values);
    },
  };
}
