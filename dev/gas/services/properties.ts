import type { Env } from '../env';
import { GasError } from '../errors';
import { type PropertyStore, toPropertyRecord } from '../properties';

/** PropertiesService: document, script and per-user stores. */

export interface PropertiesApi {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): PropertiesApi;
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): PropertiesApi;
  getProperties(): Record<string, string>;
  getKeys(): string[];
  deleteProperty(key: string): PropertiesApi;
  deleteAllProperties(): PropertiesApi;
}

function keyOf(key: unknown): string {
  if (key === null || key === undefined || String(key) === '') throw new GasError('Invalid argument: key');
  return String(key);
}

function createProperties(env: Env, store: PropertyStore): PropertiesApi {
  const api: PropertiesApi = {
    getProperty: (key) => store.get(keyOf(key)),
    setProperty(key, value) {
      store.setAll({ [keyOf(key)]: String(value) }, false);
      return api;
    },
    setProperties(properties, deleteAllOthers) {
      store.setAll(
        toPropertyRecord(properties, 'PropertiesService.Properties.setProperties'),
        deleteAllOthers === true,
      );
      return api;
    },
    getProperties: () => env.realm.record(store.entries()),
    getKeys: () => env.realm.array(store.keys()),
    deleteProperty(key) {
      store.delete(keyOf(key));
      return api;
    },
    deleteAllProperties() {
      store.clear();
      return api;
    },
  };
  return env.wrap('Properties', api);
}

export function createPropertiesService(env: Env) {
  const stores = env.state.properties;
  return env.wrap('PropertiesService', {
    getDocumentProperties: () => createProperties(env, stores.document),
    getScriptProperties: () => createProperties(env, stores.script),
    getUserProperties: () => createProperties(env, stores.user(env.exec.user())),
  });
}
