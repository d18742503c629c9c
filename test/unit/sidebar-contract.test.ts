/**
 * The sidebar calls the server through the types in src/ui/contract.ts. This file does not compile
 * (`npm run typecheck`) if src/main.ts stops exporting one of those functions or returns something else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as server from '../../src/main';
import type { ServerFunctions } from '../../src/ui/contract';

type Exported = typeof server;
type ReturnsWhatTheSidebarExpects = {
  [K in keyof ServerFunctions]: K extends keyof Exported
    ? ReturnType<Exported[K]> extends ReturnType<ServerFunctions[K]>
      ? true
      : false
    : false;
};

const checked: ReturnsWhatTheSidebarExpects = {
  getSidebarContext: true,
  setSidebarLanguage: true,
  activateSheet: true,
  listAccounts: true,
  saveAccount: true,
  deleteAccount: true,
  testConnection: true,
  listRelayAccounts: true,
  listReports: true,
  listDataSets: true,
  getDataSet: true,
  saveDataSet: true,
  deleteDataSet: true,
  runDataSet: true,
  resumeDataSet: true,
  getScheduleInfo: true,
  getRunHistory: true,
  previewDates: true,
};

it('calls only functions that dist/Code.js declares', () => {
  const entryPoints: string[] = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'dist', 'entrypoints.json'), 'utf8'),
  );
  expect(entryPoints).toEqual(expect.arrayContaining(Object.keys(checked)));
});

it('opens the sidebar from every item of the WeChat menu', () => {
  const entryPoints: string[] = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'dist', 'entrypoints.json'), 'utf8'),
  );
  expect(entryPoints).toEqual(
    expect.arrayContaining(['showNewDataSet', 'showManageDataSets', 'showRefreshAll', 'showAccounts', 'showHelp']),
  );
});
