/** The real Apps Script services behind the server functions (the only place they are put together). */
import { Repository } from '../datasets/repository';
import { appsScriptClock } from '../gas/clock';
import { deployedRelayPrefixes } from '../gas/deployment';
import { sha256Hex } from '../gas/digest';
import { urlFetchClient } from '../gas/http';
import { documentLocker } from '../gas/lock';
import { mailNotifier } from '../gas/mail';
import { findSheet, readTable, writeTable } from '../gas/spreadsheet';
import { dropStaging, readStagedRows, stageRows } from '../gas/staging';
import { documentStore } from '../gas/store';
import type { RunDeps } from '../refresh/run';

export function appsScriptDeps(): RunDeps {
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
    executionId: Utilities.getUuid(),
    notifier: mailNotifier,
    relayPrefixes: deployedRelayPrefixes(),
  };
}

export function newId(prefix: string): string {
  return `${prefix}${Utilities.getUuid().replace(/-/g, '').slice(0, 12)}`;
}
