import type { ProblemCode, Said } from '../messages/codes';
/** Date specs as a DataSet stores them, their limits, and what they resolve to. All dates are Beijing calendar days. */

/** A calendar day written `YYYY-MM-DD`. */
export type IsoDate = string;

/** A fixed day, or a number of days before today in Beijing (0 = today, 1 = yesterday). */
export type DaySpec = { kind: 'date'; date: IsoDate } | { kind: 'daysBack'; days: number };

export const PRESETS = ['yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth'] as const;
export type Preset = (typeof PRESETS)[number];

/** The furthest back a "days back" date may reach (ten years). */
export const MAX_DAYS_BACK = 3650;

export type DateSpec =
  | { mode: 'single'; day: DaySpec }
  | { mode: 'range'; start: DaySpec; end: DaySpec }
  | { mode: 'preset'; preset: Preset };

/** Why a spec cannot be fetched. `field` names the input to fix (`start`, `end.days`, `preset`…). */
/** A date the user must fix: the field it concerns (day, start, end, preset, mode), its code, params and English. */
export type DateProblem = Said<ProblemCode> & { field: string };

/** Something the resolver changed on the user's behalf (e.g. an end date moved back to yesterday). */
export type DateNotice = Said<'clamped_to_yesterday' | 'not_final'>;

export type ResolvedDates =
  | { ok: true; start: IsoDate; end: IsoDate; days: number; notices: DateNotice[] }
  | { ok: false; problems: DateProblem[] };

/** One API call's `begin_date` … `end_date`, both inclusive. */
export interface DateWindow {
  begin: IsoDate;
  end: IsoDate;
}
