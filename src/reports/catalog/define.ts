/** What every report definition shares: the earliest dates by group, the restatement window, the deprecation notes. */
import type { ReportDefinition } from '../types';
import { type Flatten, rowPerItem } from './flatten';

export const CLASSIC_EARLIEST_DATE = '2014-12-01';
export const PUBLISHED_EARLIEST_DATE = '2025-11-01';
export const DEFAULT_RESTATEMENT_DAYS = 3;

/** A definition without what the group decides (earliest date, deprecation) and with a default restatement window. */
type ReportSpec = Omit<ReportDefinition, 'earliestDate' | 'deprecated' | 'restatementDays' | 'flatten'> & {
  restatementDays?: number;
  flatten: Flatten;
};

/** Group decides the rest: 'articles' are the deprecated classic ones, 'published' start on 2025-11-01. */
export function defineReport(spec: ReportSpec): ReportDefinition {
  return {
    ...spec,
    earliestDate: spec.group === 'published' ? PUBLISHED_EARLIEST_DATE : CLASSIC_EARLIEST_DATE,
    deprecated: spec.group === 'articles',
    restatementDays: spec.restatementDays ?? DEFAULT_RESTATEMENT_DAYS,
  };
}

export function flatReport(spec: Omit<ReportSpec, 'flatten'>): ReportDefinition {
  return defineReport({ ...spec, flatten: rowPerItem(spec.columns) });
}

export const DEPRECATED_EN = 'Deprecated by WeChat: use the published-content reports.';
export const DEPRECATED_ZH = '微信已停止维护，请改用发表内容报表。';
export const PUBLISHED_EN = 'Data from 2025-11-01.';
export const PUBLISHED_ZH = '数据从 2025-11-01 起。';
