/**
 * The add-on's entry points, and nothing else: menu items, google.script.run targets, triggers. Logic lives in
 * the modules they come from.
 *
 * Apps Script calls only top-level functions. The build (gas-webpack-plugin) writes one top-level function into
 * dist/Code.js for each `global.<name> = …` below, with the JSDoc above it. Each JSDoc carries `@preserve` so that
 * esbuild, which drops other comments, keeps it. To add an entry point: import it, then assign it here with its
 * JSDoc, and document it in docs/server-api.md (a test checks both).
 */
import { deleteAccount, listAccounts, saveAccount, testConnection } from './api/accounts';
import { createDashboard, deleteDashboard, listDashboards, refreshDashboard } from './api/dashboards';
import {
  deleteDataSet,
  getDataSet,
  getRunHistory,
  listDataSets,
  listReports,
  previewDates,
  runDataSet,
  runDataSets,
  saveDataSet,
} from './api/datasets';
import { estimateRuns } from './api/estimate';
import { getAccountQuota } from './api/quota';
import { continueRefreshAll, getRefreshAll, startRefreshAll } from './api/refresh-all';
import { listRelayAccounts } from './api/relay';
import { getScheduleInfo, onScheduledTick, resumeDataSet } from './api/schedule';
import type { ServerFunctions } from './ui/contract';
import {
  onInstall,
  onOpen,
  showAccounts,
  showHelp,
  showManageDataSets,
  showNewDashboard,
  showNewDataSet,
  showRefreshAll,
} from './ui/menu';
import { activateSheet, getSidebarContext, setSidebarLanguage } from './ui/session';

/** The script's global object, as webpack names it; the functions the sidebar calls must match its contract. */
declare const global: ServerFunctions & Record<string, (...args: never[]) => unknown>;

/** Simple trigger: adds the WeChat menu when the spreadsheet opens. @preserve */
global.onOpen = onOpen;
/** Runs when the add-on is installed: adds the menu to the open spreadsheet. @preserve */
global.onInstall = onInstall;
/** Menu item: opens the sidebar on a new DataSet. @preserve */
global.showNewDataSet = showNewDataSet;
/** Menu item: opens the sidebar on New Dashboard (account, period, language). @preserve */
global.showNewDashboard = showNewDashboard;
/** Menu item: opens the sidebar on the list of DataSets. @preserve */
global.showManageDataSets = showManageDataSets;
/** Menu item: opens the DataSets list and starts "Refresh all now" (it runs on the server). @preserve */
global.showRefreshAll = showRefreshAll;
/** Menu item: opens the sidebar on the WeChat accounts. @preserve */
global.showAccounts = showAccounts;
/** Menu item: opens the sidebar on the help page. @preserve */
global.showHelp = showHelp;

/** Sidebar: the accounts, without their secrets. @preserve */
global.listAccounts = listAccounts;
/** Sidebar: checks and saves an account (a new one, or edits to one). @preserve */
global.saveAccount = saveAccount;
/** Sidebar: deletes an account no DataSet uses. @preserve */
global.deleteAccount = deleteAccount;
/** Sidebar: fetches a token with the form's values and says whether it worked. @preserve */
global.testConnection = testConnection;
/** Sidebar: the accounts a relay serves, to pick one for a Relay account. @preserve */
global.listRelayAccounts = listRelayAccounts;
/** Sidebar: WeChat's own calls used today and daily limit for the APIs an account's DataSets use. @preserve */
global.getAccountQuota = getAccountQuota;
/** Sidebar: the WeChat calls the next runs of these DataSets make, planned as the runs plan them. @preserve */
global.estimateRuns = estimateRuns;

/** Sidebar: the report catalog. @preserve */
global.listReports = listReports;
/** Sidebar: every DataSet with its state (last run, paused, next scheduled run). @preserve */
global.listDataSets = listDataSets;
/** Sidebar: one DataSet's configuration, for the editor. @preserve */
global.getDataSet = getDataSet;
/** Sidebar: checks and saves a DataSet. @preserve */
global.saveDataSet = saveDataSet;
/** Sidebar: deletes a DataSet and its history; its sheet stays. @preserve */
global.deleteDataSet = deleteDataSet;
/** Sidebar: runs a DataSet for up to a minute; call again while it answers "running". @preserve */
global.runDataSet = runDataSet;
/** Sidebar: runs several DataSets sharing their WeChat round trips, for up to a minute; again while any is "running". @preserve */
global.runDataSets = runDataSets;
/** Sidebar: runs every DataSet on the server for up to 4.5 minutes; the hourly tick runs what is left. @preserve */
global.startRefreshAll = startRefreshAll;
/** Sidebar: runs what the last "Refresh all now" has left. @preserve */
global.continueRefreshAll = continueRefreshAll;
/** Sidebar: where the last "Refresh all now" stands (done, failed with why, running, waiting). @preserve */
global.getRefreshAll = getRefreshAll;
/** Sidebar: a DataSet's last runs. @preserve */
global.getRunHistory = getRunHistory;
/** Sidebar: what a DataSet with these dates would fetch right now. @preserve */
global.previewDates = previewDates;

/** Sidebar: creates (or updates) the account's dashboard over DataSets it creates or reuses. @preserve */
global.createDashboard = createDashboard;
/** Sidebar: the dashboards, with their DataSets and last refresh. @preserve */
global.listDashboards = listDashboards;
/** Sidebar: recomputes a dashboard from its DataSets' sheets (no WeChat call). @preserve */
global.refreshDashboard = refreshDashboard;
/** Sidebar: forgets a dashboard; its sheet and DataSets stay. @preserve */
global.deleteDashboard = deleteDashboard;

/** Time-driven trigger: runs the scheduled DataSets that are due. @preserve */
global.onScheduledTick = onScheduledTick;
/** Sidebar: makes sure the schedule has its trigger, and says who runs it. @preserve */
global.getScheduleInfo = getScheduleInfo;
/** Sidebar: resumes a DataSet the schedule paused. @preserve */
global.resumeDataSet = resumeDataSet;

/** Sidebar: its first screen in one call (language, accounts, reports, DataSets, schedule). @preserve */
global.getSidebarContext = getSidebarContext;
/** Sidebar: remembers the user's sidebar language. @preserve */
global.setSidebarLanguage = setSidebarLanguage;
/** Sidebar: brings a DataSet's sheet to the front. @preserve */
global.activateSheet = activateSheet;
