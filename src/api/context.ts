/** The real Apps Script services behind the server functions (the only place they are put together). */
import { Repository } from '../datasets/repository';
import { appsScriptClock } from '../gas/clock';
import { deployedRelayPrefixes } from '../gas/deployment';
import { sha256Hex } from '../gas/digest';
import { urlFetchClient } from '../gas/http';
import { uuid } from '../gas/ids';
import { documentLocker } from '../gas/lock';
import { mailNotifier } from '../gas/mail';
import { findSheet, readTable, writeTable } from '../gas/spreadsheet';
import { dropStaging, readStagedRows, stageRows } from '../gas/staging';
import { documentStore } from '../gas/store';
import { scriptAppTriggers } from '../gas/triggers';
import type { RunDeps } from '../refresh/deps';
import type { ScheduleDeps } from '../schedule/trigger';

/** Everything a server function may use: what a run needs, and the schedule's trigger. */
export interface AppDeps extends RunDeps, ScheduleDeps {}

export function appsScriptDeps(): AppDeps {
  const store = documentStore();
  return {
    repo: new Repository(store),
    store,
    http: urlFetchClient,
    clock: appsScriptClock,
    locker: documentLocker(),
    tables: {
      read: readTable,
      hasRows: (sheetName) => (findSheet(sheetName)?.getLastRow() ?? 0) > 1,
      write: writeTable,
      stage: stageRows,
      readStaged: readStagedRows,
      dropStaged: dropStaging,
    },
    fingerprint: sha256Hex,
    executionId: uuid(),
    notifier: mailNotifier,
    relayPrefixes: deployedRelayPrefixes(),
    triggers: scriptAppTriggers,
  };
}

export function newId(prefix: string): string {
  return `${prefix}${uuid().replace(/-/g, '').slice(0, 12)}`;
}
