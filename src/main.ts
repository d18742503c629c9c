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
export { listRelayAccounts } from './api/relay';
export { getScheduleInfo, onScheduledTick, resumeDataSet } from './api/schedule';
export {
  onInstall,
  onOpen,
  showAccounts,
  showHelp,
  showManageDataSets,
  showNewDataSet,
  showRefreshAll,
} from './ui/menu';
export { activateSheet, getSidebarContext, setSidebarLanguage } from './ui/session';
