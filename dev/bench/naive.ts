/**
 * The naive baseline: what a hand-written Apps Script would do. One UrlFetchApp.fetch per day, one after another,
 * and one Sheet.appendRow per row, against the same simulator and the same data as the add-on. It runs in the
 * same emulation, loaded as its own script.
 */
import type { Emulation } from '../gas';
import type { SimAccount } from '../simulator/simulator';
import { createBenchEmulation, type NetworkSetting, warmUpUrlFetch } from './addon';
import { timed } from './measure';
import { reportOf } from './minimum';

export interface NaiveJob {
  endpoint: string;
  appid: string;
  secret: string;
  days: string[];
  /** The report's fields, in column order (no label columns: the naive script knows no code tables). */
  columns: string[];
  sheetName: string;
}

export interface NaiveJobResult {
  wallMs: number;
  calls: number;
  tokenCalls: number;
  rows: number;
}

/** Plain ES2019, as a user would paste it into the script editor. */
export const NAIVE_SCRIPT = `
function naiveRun(job) {
  var base = 'https://api.weixin.qq.com';
  var post = function (url, body) {
    var response = UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(body),
      muteHttpExceptions: true,
    });
    var json = JSON.parse(response.getContentText());
    if (json.errcode) throw new Error('WeChat error ' + json.errcode + ': ' + json.errmsg);
    return json;
  };
  var token = post(base + '/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: job.appid,
    secret: job.secret,
  }).access_token;
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = spreadsheet.getSheetByName(job.sheetName) || spreadsheet.insertSheet(job.sheetName);
  if (sheet.getLastRow() === 0) sheet.appendRow(job.columns);
  var calls = 0;
  var rows = 0;
  for (var d = 0; d < job.days.length; d++) {
    var day = job.days[d];
    var body = post(base + '/datacube/' + job.endpoint + '?access_token=' + encodeURIComponent(token), {
      begin_date: day,
      end_date: day,
    });
    calls++;
    var list = body.list || [];
    for (var i = 0; i < list.length; i++) {
      var item = list[i];
      var entries = [item];
      for (var key in item) {
        if (Array.isArray(item[key]) && item[key].length > 0 && typeof item[key][0] === 'object') {
          entries = item[key].map(function (entry) { return Object.assign({}, item, entry); });
          break;
        }
        if (Array.isArray(item[key]) && item[key].length === 0) entries = [];
      }
      for (var e = 0; e < entries.length; e++) {
        var entry = entries[e];
        sheet.appendRow(job.columns.map(function (column) {
          var value = entry[column];
          return value === undefined || value === null ? '' : value;
        }));
        rows++;
      }
    }
  }
  return { calls: calls, tokenCalls: 1, rows: rows };
}
`;

export function naiveJob(reportId: string, account: SimAccount, days: string[], sheetName: string): NaiveJob {
  const report = reportOf(reportId);
  return {
    endpoint: report.endpoint,
    appid: account.appid,
    secret: account.secret,
    days,
    columns: report.columns.map((column) => column.key),
    sheetName,
  };
}

/** Runs the jobs one after another in `emu`, timing each. */
export function runNaive(emu: Emulation, jobs: readonly NaiveJob[]): NaiveJobResult[] {
  const ctx = emu.loadBundle(NAIVE_SCRIPT, 'Naive.js');
  return jobs.map((job) => {
    const run = timed(() => ctx.call<Omit<NaiveJobResult, 'wallMs'>>('naiveRun', job));
    return { ...run.value, wallMs: run.wallMs };
  });
}

export interface NaiveChildConfig {
  network: NetworkSetting;
  jobs: NaiveJob[];
}

/** Child role: the naive jobs in an emulation of their own (no 6-minute limit: the naive may well need more). */
export function naiveChild(config: NaiveChildConfig): NaiveJobResult[] {
  const { emu } = createBenchEmulation(config.network, 0);
  warmUpUrlFetch(emu, config.network.origin);
  try {
    return runNaive(emu, config.jobs);
  } finally {
    emu.dispose();
  }
}
