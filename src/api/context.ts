/** The real Apps Script services behind the server functions (the only place they are put together). */
import { Repository } from '../datasets/repository';
import { appsScriptClock } from '../gas/clock';
import { deployedRelayPrefixes } from '../gas/deployment';
import { sha256Hex } from '../gas/digest';
import { urlFetchClient } from '../gas/http';
import { uuid } from '../gas/ids';
import { documentLocker } from '../gas/lock';
import { mailNotifier } from '../gas/mail';
import { readTable, SheetBook, spreadsheetIdentity, writeTable } from '../gas/spreadsheet';
import { dropStaging, readStagedRows, stageRows } from '../gas/staging';
import { documentStore, type KeyValueStore } from '../gas/store';
import { scriptAppTriggers } from '../gas/triggers';
import { currentUser, spreadsheetOffsetAt } from '../gas/user';
import type { RunDeps } from '../refresh/deps';
import type { OffsetAt } from '../schedule/slots';
import type { ScheduleDeps } from '../schedule/trigger';

/** Everything a server function may use: what a run needs, the schedule's trigger, the user and the time zone. */
export interface AppDeps extends RunDeps, ScheduleDeps {
  /** Who runs this execution (for a trigger: the trigger's owner). */
  user(): string;
  /** The spreadsheet's time zone (IANA id). */
  timeZone(): string;
  /** That zone's offset from UTC at an instant. */
  offsetAt(timeZone: string): OffsetAt;
  /** A new unique id starting with `prefix`. */
  newId(prefix: string): string;
}

/** `store`: the document's properties, or a view of them (the sidebar's first screen reads them once). */
export function appsScriptDeps(store: KeyValueStore = documentStore()): AppDeps {
  const book = new SheetBook();
  return {
    repo: new Repository(store),
    store,
    http: urlFetchClient,
    clock: appsScriptClock,
    locker: documentLocker(),
    tables: {
      read: (sheetName, columns, again) => {
        if (again) book.forget(sheetName);
        return readTable(sheetName, columns, book);
      },
      hasRows: (sheetName) => book.lastRow(sheetName) > 1,
      write: (sheetName, columns, rows, current, previous, note) =>
        writeTable(sheetName, columns, rows, current, previous, note, book),
      stage: stageRows,
      readStaged: readStagedRows,
      dropStaged: dropStaging,
    },
    fingerprint: sha256Hex,
    executionId: uuid(),
    notifier: mailNotifier,
    whoRuns: currentUser,
    spreadsheet: spreadsheetIdentity,
    relayPrefixes: deployedRelayPrefixes(),
    triggers: scriptAppTriggers,
    user: currentUser,
    timeZone: () => book.timeZone(),
    offsetAt: spreadsheetOffsetAt,
    scheduleOffset: () => spreadsheetOffsetAt(book.timeZone()),
    newId,
  };
}

export function newId(prefix: string): string {
  return `${prefix}${uuid().replace(/-/g, '').slice(0, 12)}`;
}
