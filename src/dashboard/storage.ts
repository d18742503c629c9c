/**
 * Dashboards in document properties, beside the DataSets: `dash.<id>` holds the config, `dashst.<id>` what the
 * last refresh left (chart ids, rows written). This module is the only one that reads or writes those keys.
 */
import { KEY_PREFIX } from '../datasets/keys';
import { asStorageError, parseStored } from '../datasets/storage';
import type { KeyValueStore } from '../gas/store';
import type { DashboardConfig, DashboardState } from './types';

const { dashboard: CONFIG, dashboardState: STATE } = KEY_PREFIX;

export class DashboardStore {
  constructor(private readonly store: KeyValueStore) {}

  private write(key: string, value: unknown): void {
    try {
      this.store.set(key, JSON.stringify(value));
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /** One read of the whole store (one service call), whatever the number of dashboards. */
  list(): DashboardConfig[] {
    return Object.entries(this.store.all())
      .filter(([key]) => key.startsWith(CONFIG))
      .map(([, value]) => parseStored<DashboardConfig>(value))
      .filter((dashboard): dashboard is DashboardConfig => dashboard !== undefined)
      .sort((a, b) => a.sheetName.localeCompare(b.sheetName));
  }

  get(id: string): DashboardConfig | undefined {
    return parseStored<DashboardConfig>(this.store.get(CONFIG + id));
  }

  save(dashboard: DashboardConfig): void {
    this.write(CONFIG + dashboard.id, dashboard);
  }

  state(id: string): DashboardState {
    return parseStored<DashboardState>(this.store.get(STATE + id)) ?? { charts: {}, height: 0 };
  }

  saveState(id: string, state: DashboardState): void {
    this.write(STATE + id, state);
  }

  delete(id: string): void {
    this.store.delete(CONFIG + id);
    this.store.delete(STATE + id);
  }
}
