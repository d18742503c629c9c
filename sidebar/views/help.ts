/**
 * Help: how the add-on works, when WeChat's data is ready, its daily limits, the errors a user meets and what to do,
 * the WeChat pages involved, and what every report's columns hold (from the report catalog the server sends).
 */
import type { ReportSummary } from '../../src/ui/contract';
import { h } from '../dom';
import type { MessageKey } from '../i18n';
import type { App } from '../state';

type ColumnType = ReportSummary['columns'][number]['type'];

const COLUMN_TYPES: Readonly<Record<ColumnType, MessageKey>> = {
  date: 'columnDate',
  hour: 'columnHour',
  int: 'columnInt',
  number: 'columnNumber',
  percent: 'columnPercent',
  text: 'columnText',
  code: 'columnCode',
  label: 'columnLabel',
  bool: 'columnBool',
};

/** The errors users meet most, each with what to do. */
const ERRORS: ReadonlyArray<[MessageKey, MessageKey]> = [
  ['helpErrorIp', 'helpErrorIpFix'],
  ['helpErrorSecret', 'helpErrorSecretFix'],
  ['helpErrorQuota', 'helpErrorQuotaFix'],
  ['helpErrorNotReady', 'helpErrorNotReadyFix'],
  ['helpErrorRetired', 'helpErrorRetiredFix'],
  ['helpErrorSheet', 'helpErrorSheetFix'],
  ['helpErrorLimit', 'helpErrorLimitFix'],
];

/** WeChat's own pages: the admin console, and its documentation of call limits and analytics data. */
const WECHAT_PAGES: ReadonlyArray<{ url: string; title: MessageKey; text?: MessageKey }> = [
  { url: 'https://mp.weixin.qq.com/', title: 'helpConsoleAdmin', text: 'helpConsoleAdminText' },
  {
    url: 'https://developers.weixin.qq.com/doc/service/Message_Management/API_Call_Limits.html',
    title: 'helpConsoleLimits',
  },
  {
    url: 'https://developers.weixin.qq.com/doc/subscription/guide/product/analysis_data/analysis_data.html',
    title: 'helpConsoleAnalytics',
  },
];

function link(url: string, text: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

function reportHelp(app: App, report: ReportSummary): HTMLElement {
  const { t, state } = app;
  const language = state.language;
  return h(
    'details',
    { class: 'help-report', 'data-report': report.id },
    h('summary', null, report.label[language]),
    h('p', null, report.description[language]),
    h('p', { class: 'secondary' }, t('helpReportFacts', { span: report.maxSpanDays, earliest: report.earliestDate })),
    h(
      'ul',
      { class: 'help-columns' },
      report.columns.map((column) =>
        h(
          'li',
          null,
          h('strong', null, column.header[language]),
          `: ${t(COLUMN_TYPES[column.type])}${column.key ? ` (${t('helpColumnKey')})` : ''}`,
          column.codes
            ? h(
                'div',
                { class: 'secondary help-codes' },
                `${t('helpCodes')}: `,
                column.codes.map((code) => `${code.code} ${code.label[language]}`).join(' · '),
              )
            : null,
        ),
      ),
    ),
  );
}

export function renderHelp(app: App): HTMLElement {
  const { t, state } = app;
  return h(
    'div',
    { class: 'help' },
    h('h1', null, t('helpTitle')),
    h('p', null, t('helpIntro')),
    h(
      'ol',
      null,
      t('helpSteps')
        .split('|')
        .map((step) => h('li', null, step)),
    ),
    h('h2', null, t('helpDataTitle')),
    h('p', null, t('helpDates')),
    h('h2', null, t('helpLimitsTitle')),
    h('p', null, t('helpLimits')),
    h('h2', null, t('helpErrorsTitle')),
    h(
      'dl',
      { class: 'help-errors' },
      ERRORS.flatMap(([title, fix]) => [h('dt', null, t(title)), h('dd', null, t(fix))]),
    ),
    h('p', { class: 'secondary' }, t('helpErrorsNote')),
    h('h2', null, t('helpConsoleTitle')),
    h(
      'ul',
      { class: 'help-links' },
      WECHAT_PAGES.map((page) =>
        h('li', null, link(page.url, t(page.title)), page.text ? h('div', null, t(page.text)) : null),
      ),
    ),
    h('h2', null, t('helpReportsTitle')),
    state.reports.map((report) => reportHelp(app, report)),
    h('p', { class: 'secondary' }, t('helpSecrets')),
  );
}
