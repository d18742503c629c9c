import type { Env } from './env';
import { createCacheService } from './services/cache';
import { createCharts } from './services/charts';
import { createHtmlService } from './services/html';
import { createLockService } from './services/lock';
import { createConsole, createLogger } from './services/logging';
import { createMailApp } from './services/mail';
import { createPropertiesService } from './services/properties';
import { createScriptApp } from './services/script-app';
import { createSession } from './services/session';
import { createUi } from './services/ui';
import { createUrlFetchApp } from './services/urlfetch';
import { createUtilities } from './services/utilities';
import { createSpreadsheetApp } from './spreadsheet/spreadsheet';

/** The Apps Script globals for one realm and execution. */
export function createGlobals(env: Env): Record<string, unknown> {
  return {
    SpreadsheetApp: createSpreadsheetApp(env, () => createUi(env)),
    Charts: createCharts(env),
    PropertiesService: createPropertiesService(env),
    CacheService: createCacheService(env),
    LockService: createLockService(env),
    UrlFetchApp: createUrlFetchApp(env),
    Utilities: createUtilities(env),
    Session: createSession(env),
    ScriptApp: createScriptApp(env),
    HtmlService: createHtmlService(env),
    MailApp: createMailApp(env),
    Logger: createLogger(env),
    console: createConsole(env),
    Date: env.realm.Date,
  };
}
