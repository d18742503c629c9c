/**
 * Small server functions for the sidebar itself: its first screen in one round trip, the user's language,
 * and showing a DataSet's sheet. Nothing here returns a secret (accounts come as AccountView).
 */

import { listAccounts } from '../api/accounts';
import { listDataSets, listReports } from '../api/datasets';
import type { Language } from '../datasets/types';
import { appsScriptClock } from '../gas/clock';
import type { SidebarContext } from './contract';

const LANGUAGE_KEY = 'sidebar.language';

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'zh';
}

/** The language the user picked in the sidebar, else the one of their Google locale. */
function sidebarLanguage(): Language {
  const chosen = PropertiesService.getUserProperties().getProperty(LANGUAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  return /^zh/i.test(Session.getActiveUserLocale()) ? 'zh' : 'en';
}

export function getSidebarContext(): SidebarContext {
  return {
    language: sidebarLanguage(),
    timeZone: SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
    nowMs: appsScriptClock.now(),
    accounts: listAccounts(),
    reports: listReports(),
    dataSets: listDataSets(),
  };
}

/** Remembers the sidebar language for this user (in every spreadsheet); returns the language now in force. */
export function setSidebarLanguage(language: unknown): Language {
  if (!isLanguage(language)) return sidebarLanguage();
  PropertiesService.getUserProperties().setProperty(LANGUAGE_KEY, language);
  return language;
}

/** Brings a DataSet's sheet to the front; false when no sheet has that name (it is created on the next run). */
export function activateSheet(sheetName: unknown): boolean {
  if (typeof sheetName !== 'string') return false;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName);
  if (!sheet) return false;
  sheet.activate();
  return true;
}
