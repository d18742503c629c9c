/**
 * The add-on's entry points, and nothing else: each export becomes a top-level function in dist/Code.js
 * (menu items, google.script.run targets, simple triggers). Logic lives in the modules they call.
 */
export { deleteAccount, listAccounts, saveAccount, testConnection } from './api/accounts';
export {
  deleteDataSet,
  getDataSet,
  getRunHistory,
  listDataSets,
  listReports,
  previewDates,
  runDataSet,
  saveDataSet,
} from './api/datasets';
export { onInstall, onOpen, showNewDataSet } from './ui/menu';
