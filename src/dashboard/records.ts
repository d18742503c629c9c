/** Rows of a source DataSet's table (typed cells by column) → the records the aggregation reads. Pure. */
import type { Cell, TableColumn } from '../table/types';
import type {
  ArticleRow,
  CumulateRow,
  DailyReadRow,
  HourlyMessageRow,
  MessageRow,
  SourceRole,
  UserSummaryRow,
} from './types';

/** getuserread's all-channels row: the total (channel rows overlap and must not be added up). */
export const ALL_READ_CHANNELS = 99_999_999;

/** The columns each role reads, by report column key. */
export const ROLE_COLUMNS: Readonly<Record<SourceRole, readonly string[]>> = {
  userSummary: ['ref_date', 'user_source', 'new_user', 'cancel_user'],
  userCumulate: ['ref_date', 'cumulate_user'],
  publishedSummary: ['ref_date', 'read_user', 'share_user'],
  publishedArticles: ['ref_date', 'msgid', 'title', 'stat_date', 'read_user', 'share_user', 'read_finish_rate'],
  classicRead: ['ref_date', 'user_source', 'int_page_read_user', 'share_user'],
  classicArticles: ['ref_date', 'msgid', 'title', 'stat_date', 'int_page_read_user', 'share_user'],
  messages: ['ref_date', 'msg_user', 'msg_count'],
  messagesByHour: ['ref_date', 'ref_hour', 'msg_count'],
};

type Picker = (key: string) => Cell;

function pickers(columns: readonly TableColumn[], rows: readonly Cell[][]): Picker[] {
  const index = new Map(columns.map((column, position) => [column.key, position]));
  return rows.map((row) => (key: string) => {
    const position = index.get(key);
    return position === undefined ? null : (row[position] ?? null);
  });
}

const isDate = (cell: Cell): cell is string => typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell);
const count = (cell: Cell): number => (typeof cell === 'number' && Number.isFinite(cell) ? cell : 0);
const rate = (cell: Cell): number | null => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);
const textOf = (cell: Cell): string => (cell === null ? '' : String(cell));

/** The last column a role needs, so a reader can leave the rest of a wide table unread. */
export function columnsFor(role: SourceRole, columns: readonly TableColumn[]): TableColumn[] {
  const wanted = new Set(ROLE_COLUMNS[role]);
  let last = -1;
  columns.forEach((column, index) => {
    if (wanted.has(column.key)) last = index;
  });
  return columns.slice(0, last + 1);
}

export function userSummaryRows(columns: readonly TableColumn[], rows: readonly Cell[][]): UserSummaryRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    if (!isDate(date)) return [];
    const source = cell('user_source');
    return [
      {
        date,
        source: typeof source === 'number' || typeof source === 'string' ? source : 0,
        newUsers: count(cell('new_user')),
        cancelledUsers: count(cell('cancel_user')),
      },
    ];
  });
}

export function cumulateRows(columns: readonly TableColumn[], rows: readonly Cell[][]): CumulateRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    const followers = cell('cumulate_user');
    return isDate(date) && typeof followers === 'number' ? [{ date, followers }] : [];
  });
}

export function publishedSummaryRows(columns: readonly TableColumn[], rows: readonly Cell[][]): DailyReadRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    return isDate(date) ? [{ date, readers: count(cell('read_user')), sharers: count(cell('share_user')) }] : [];
  });
}

/** Only the all-channels rows (99999999) of getuserread. */
export function classicReadRows(columns: readonly TableColumn[], rows: readonly Cell[][]): DailyReadRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    if (!isDate(date) || Number(cell('user_source')) !== ALL_READ_CHANNELS) return [];
    return [{ date, readers: count(cell('int_page_read_user')), sharers: count(cell('share_user')) }];
  });
}

export function articleRows(
  source: ArticleRow['source'],
  columns: readonly TableColumn[],
  rows: readonly Cell[][],
): ArticleRow[] {
  const readersKey = source === 'published' ? 'read_user' : 'int_page_read_user';
  return pickers(columns, rows).flatMap((cell) => {
    const publishDate = cell('ref_date');
    const statDate = cell('stat_date');
    if (!isDate(publishDate) || !isDate(statDate)) return [];
    return [
      {
        publishDate,
        statDate,
        msgid: textOf(cell('msgid')),
        title: textOf(cell('title')),
        readers: count(cell(readersKey)),
        sharers: count(cell('share_user')),
        readThrough: source === 'published' ? rate(cell('read_finish_rate')) : null,
        source,
      },
    ];
  });
}

export function messageRows(columns: readonly TableColumn[], rows: readonly Cell[][]): MessageRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    return isDate(date) ? [{ date, messages: count(cell('msg_count')), users: count(cell('msg_user')) }] : [];
  });
}

/** `ref_hour` is hour × 100 (0…2300). */
export function hourlyMessageRows(columns: readonly TableColumn[], rows: readonly Cell[][]): HourlyMessageRow[] {
  return pickers(columns, rows).flatMap((cell) => {
    const date = cell('ref_date');
    const refHour = cell('ref_hour');
    if (!isDate(date) || typeof refHour !== 'number') return [];
    return [{ date, hour: Math.floor(refHour / 100), messages: count(cell('msg_count')) }];
  });
}
