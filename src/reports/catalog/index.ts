/**
 * The report catalog: one definition per WeChat datacube endpoint (wechat-api.md §4, fields §5, codes §6,
 * row keys §9.7), one file per report family.
 */
import type { ReportDefinition } from '../types';
import { CLASSIC_ARTICLE_REPORTS } from './articles';
import { INTERFACE_REPORTS, MESSAGE_REPORTS } from './messages';
import { PUBLISHED_REPORTS } from './published';
import { USER_REPORTS } from './users';

export { CLASSIC_EARLIEST_DATE, DEFAULT_RESTATEMENT_DAYS, PUBLISHED_EARLIEST_DATE } from './define';
export { READ_SCENES, READ_USER_SOURCE_OTHER_KEY } from './flatten';

/** Every report, in the order of wechat-api.md §4. */
export const CATALOG: readonly ReportDefinition[] = [
  ...USER_REPORTS,
  ...CLASSIC_ARTICLE_REPORTS,
  ...MESSAGE_REPORTS,
  ...INTERFACE_REPORTS,
  ...PUBLISHED_REPORTS,
];
