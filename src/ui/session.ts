/**
 * Small server functions for the sidebar itself: its first screen in one round trip, the user's language,
 * and showing a DataSet's sheet. Nothing here returns a secret (accounts come as AccountView).
 */

import { accountViews } from '../api/accounts';
import { type AppDeps, appsScriptDeps } from '../api/context';
import { listDataSets, listReports } from '../api/dataset-service';
import { getScheduleInfo } from '../api/schedule-service';
import { languageKey } from '../datasets/keys';
import type { Language } from '../datasets/types';
import { beijingYesterday } from '../dates';
import { appsScriptClock } from '../gas/clock';
import { deployedRelayPrefixes } from '../gas/deployment';
import { sha256Hex } from '../gas/digest';
import { activateSheetNamed } from '../gas/spreadsheet';
import { documentStore, type KeyValueStore, readOnceStore } from '../gas/store';
import { userLocale } from '../gas/ui';
import { currentUser, spreadsheetTimeZone } from '../gas/user';
import { currentRefreshAll } from '../schedule/refresh-all';
import type { ScheduleSummary, SidebarContext } from './contract';

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'zh';
}

/**
 * Where this user's language is kept: in the document's own store, so that opening the sidebar reads one store
 * once (its first screen comes from that same read).
 */
function userLanguageKey(): string {
  return languageKey(sha256Hex(currentUser()).slice(0, 16));
}

/** The language the user picked in this spreadsheet's sidebar, else the one of their Google locale. */
export function sidebarLanguage(store: KeyValueStore = documentStore()): Language {
  const chosen = store.get(userLanguageKey());
  if (isLanguage(chosen)) return chosen;
  return /^zh/i.test(userLocale()) ? 'zh' : 'en';
}

/**
 * Opening the sidebar also reconciles the schedule's trigger (docs/schedule.md: whoever opens the sidebar takes
 * over a schedule nobody runs any more). A failure there must not keep the sidebar from opening.
 */
function scheduleSummary(deps: AppDeps): ScheduleSummary | undefined {
  try {
    const { needed, owner, ownedByMe, myTrigger, lastTick, me } = getScheduleInfo(deps);
    const summary: ScheduleSummary = { needed, ownedByMe, myTrigger, me };
    if (owner) summary.owner = { user: owner.user, sinceMs: owner.sinceMs };
    if (lastTick) {
      const { atMs, user, durationMs, deferred } = lastTick;
      summary.lastTick = { atMs, user, durationMs, deferred };
    }
    return summary;
  } catch (error) {
    console.warn(`getSidebarContext: schedule not read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The sidebar's first screen, from one read of the document's properties (one Repository for all of it). */
export function getSidebarContext(): SidebarContext {
  const store = readOnceStore(documentStore());
  const deps = appsScriptDeps(store);
  const context: SidebarContext = {
    language: sidebarLanguage(store),
    timeZone: spreadsheetTimeZone(),
    accounts: accountViews(deps.repo),
    reports: listReports(),
    dataSets: listDataSets(deps),
    relayUrls: deployedRelayPrefixes(),
    yesterday: beijingYesterday(appsScriptClock.now()),
  };
  const schedule = scheduleSummary(deps);
  if (schedule) context.schedule = schedule;
  const refreshAll = currentRefreshAll(deps);
  if (refreshAll) context.refreshAll = refreshAll;
  return context;
}

/** Remembers the sidebar language for this user in this spreadsheet; returns the language now in force. */
export function setSidebarLanguage(language: unknown): Language {
  if (!isLanguage(language)) return sidebarLanguage();
  try {
    documentStore().set(userLanguageKey(), language);
  } catch {
    // A store too full to keep it: the choice holds in this sidebar, and the next one opens in the old language.
  }
  return language;
}

/** Brings a DataSet's sheet to the front; false when no sheet has that name (it is created on the next run). */
export function activateSheet(sheetName: unknown): boolean {
  if (typeof sheetName !== 'string') return false;
  return activateSheetNamed(sheetName);
}
