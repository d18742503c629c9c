/**
 * The WeChat menu and what its items open. onOpen may run in AuthMode NONE (add-on installed, not yet used in
 * this document): it only builds the menu, reading nothing but the user's locale for the captions.
 */
import type { Language } from '../datasets/types';
import { addMenu, userLocale } from '../gas/ui';
import { openSidebar } from './sidebar';

const CAPTIONS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {
    menu: 'WeChat',
    newDataSet: 'New DataSet',
    newDashboard: 'New Dashboard',
    manage: 'Manage DataSets',
    refreshAll: 'Refresh all now',
    accounts: 'Accounts',
    help: 'Help',
  },
  zh: {
    menu: '微信',
    newDataSet: '新建数据集',
    newDashboard: '新建数据看板',
    manage: '管理数据集',
    refreshAll: '立即全部刷新',
    accounts: '账号',
    help: '帮助',
  },
};

function menuLanguage(): Language {
  try {
    return /^zh/i.test(userLocale()) ? 'zh' : 'en';
  } catch {
    return 'en';
  }
}

/** Bound to a spreadsheet the menu reads "WeChat"; as an add-on, Sheets puts it under Extensions. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const caption = CAPTIONS[menuLanguage()];
  addMenu(caption.menu!, [
    { caption: caption.newDataSet!, handler: 'showNewDataSet' },
    { caption: caption.newDashboard!, handler: 'showNewDashboard' },
    { caption: caption.manage!, handler: 'showManageDataSets' },
    { caption: caption.refreshAll!, handler: 'showRefreshAll' },
    'separator',
    { caption: caption.accounts!, handler: 'showAccounts' },
    { caption: caption.help!, handler: 'showHelp' },
  ]);
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showNewDataSet(): void {
  openSidebar('new-dataset');
}

/** Asks for an account, a period and a language, then builds the account's dashboard sheet. */
export function showNewDashboard(): void {
  openSidebar('new-dashboard');
}

export function showManageDataSets(): void {
  openSidebar('datasets');
}

/** Opens the DataSets list and runs every DataSet one by one from there, with progress. */
export function showRefreshAll(): void {
  openSidebar('refresh-all');
}

export function showAccounts(): void {
  openSidebar('accounts');
}

export function showHelp(): void {
  openSidebar('help');
}
