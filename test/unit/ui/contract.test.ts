/**
 * The sidebar calls the server through the types in src/ui/contract.ts. src/main.ts assigns each entry point to a
 * global typed with that contract, so `npm run typecheck` fails when a server function returns something else;
 * this test fails when one of them is not an entry point of the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerFunctions } from '../../../src/ui/contract';

/** Every function of the contract, by name (the compiler wants each key, and no other). */
const checked: Record<keyof ServerFunctions, true> = {
  getSidebarContext: true,
  setSidebarLanguage: true,
  activateSheet: true,
  listAccounts: true,
  saveAccount: true,
  deleteAccount: true,
  testConnection: true,
  getAccountQuota: true,
  estimateRuns: true,
  listRelayAccounts: true,
  listReports: true,
  listDataSets: true,
  getDataSet: true,
  saveDataSet: true,
  deleteDataSet: true,
  runDataSet: true,
  runDataSets: true,
  startRefreshAll: true,
  continueRefreshAll: true,
  getRefreshAll: true,
  resumeDataSet: true,
  getScheduleInfo: true,
  getRunHistory: true,
  previewDates: true,
  createDashboard: true,
  listDashboards: true,
  refreshDashboard: true,
  deleteDashboard: true,
};

it('calls only functions that dist/Code.js declares', () => {
  const entryPoints: string[] = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'dist', 'entrypoints.json'), 'utf8'),
  );
  expect(entryPoints).toEqual(expect.arrayContaining(Object.keys(checked)));
});

it('opens the sidebar from every item of the WeChat menu', () => {
  const entryPoints: string[] = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'dist', 'entrypoints.json'), 'utf8'),
  );
  expect(entryPoints).toEqual(
    expect.arrayContaining([
      'showNewDataSet',
      'showNewDashboard',
      'showManageDataSets',
      'showRefreshAll',
      'showAccounts',
      'showHelp',
    ]),
  );
});
