/**
 * Everything the sidebar shows is drawn from this state; views change it and ask for a new render. Server
 * results are kept as they came (codes and numbers), so switching the language redraws them translated.
 */

import type {
  AccountView,
  DataSetSummary,
  DateNotice,
  Language,
  Problem,
  RefreshAllView,
  ReportSummary,
  RunOutcome,
  RunProgress,
  RunRecord,
  ScheduleSummary,
  TestConnectionResult,
} from '../src/ui/contract';
import { type AccountForm, blankAccountForm } from './account-model';
import { blankDataSetForm, type DataSetForm } from './dataset-model';
import type { MessageKey, Params, Translate } from './i18n';
import type { QuotaState } from './views/quota';

export type ViewName = 'dataset' | 'datasets' | 'dashboard' | 'accounts' | 'help';

export interface Plan {
  start: string;
  end: string;
  days: number;
  calls: number;
}

export interface RunningState {
  phase: 'running';
  name: string;
  startedMs: number;
  /** What previewDates said this run fetches. */
  plan?: Plan;
  /** Windows fetched so far, once a chunk came back unfinished. */
  progress?: RunProgress;
}

export type RunState = RunningState | { phase: 'done'; outcome: RunOutcome };

export type ConnectionTest = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; result: TestConnectionResult };

export type Preview =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; plan: Plan; notices: DateNotice[] }
  | { phase: 'problems'; problems: Problem[] };

/** A line of feedback drawn in the current language. */
export interface Notice {
  key: MessageKey;
  params?: Params;
}

export interface EditorState {
  form: DataSetForm;
  /** The "add an account" fields, used when the form's accountId is ''. */
  account: AccountForm;
  problems: Problem[];
  accountProblems: Problem[];
  test: ConnectionTest;
  preview: Preview;
  busy: boolean;
  notice?: Notice;
  run?: RunState;
  /** Saving waits for a yes: this edit makes the next run rewrite the sheet (an Append whose header changes). */
  confirmRewrite?: { andRun: boolean };
}

export interface DataSetItemState {
  confirmingDelete: boolean;
  history?: RunRecord[];
  run?: RunState;
}

/** A "Refresh all now" (it runs on the server): where it stands, and whether this sidebar is calling it. */
export interface RefreshAllState {
  calling: boolean;
  view?: RefreshAllView;
  /** Why the server refused it (a full store). */
  problem?: string;
  /** The user closed its summary. */
  dismissed?: boolean;
}

export interface ListState {
  items: Record<string, DataSetItemState>;
  refreshAll?: RefreshAllState;
}

export interface AccountsState {
  editing?: AccountForm;
  problems: Problem[];
  test: ConnectionTest;
  busy: boolean;
  confirmingDeleteId?: string;
  deleteProblem?: { id: string; problem: Problem };
  /** WeChat's quota per account, once checked in this sidebar. */
  quota: Record<string, QuotaState>;
}

export interface AppState {
  language: Language;
  view: ViewName;
  timeZone: string;
  /** Who runs the scheduled refreshes (absent when the server could not say). */
  schedule?: ScheduleSummary;
  accounts: AccountView[];
  reports: ReportSummary[];
  dataSets: DataSetSummary[];
  /** The relay URL prefixes this deployment may call (its manifest's allowlist). */
  relayUrls: string[];
  /** The newest complete day in Beijing, as the server said when the sidebar opened (the date pickers' max). */
  yesterday: string;
  editor: EditorState;
  list: ListState;
  accountsView: AccountsState;
  /** Feedback at the top of the view (cleared when the view changes). */
  notice?: Notice;
  /** A call that failed outright (network, server exception). */
  error?: string;
}

/** What views can do besides changing the state. */
export interface App {
  readonly state: AppState;
  readonly t: Translate;
  render(): void;
  show(view: ViewName): void;
  /** Reads the accounts and DataSets again (after saving, deleting or running). */
  reloadLists(): Promise<void>;
  /** Shows a failed call in the banner. */
  fail(error: unknown): void;
  setLanguage(language: Language): void;
}

/** The account a new DataSet starts with: that of the DataSet saved last, else the newest account (or the only one). */
export function lastUsedAccountId(state: Pick<AppState, 'accounts' | 'dataSets'>): string {
  const known = new Set(state.accounts.map((account) => account.id));
  const newest = <T extends { updatedAt: string }>(items: readonly T[]) =>
    items.reduce<T | undefined>((best, item) => (!best || item.updatedAt > best.updatedAt ? item : best), undefined);
  const lastDataSet = newest(state.dataSets.filter((dataSet) => known.has(dataSet.accountId)));
  return lastDataSet?.accountId ?? newest(state.accounts)?.id ?? '';
}

export function freshEditor(
  state: Pick<AppState, 'accounts' | 'reports' | 'language' | 'relayUrls' | 'dataSets'>,
): EditorState {
  return {
    form: blankDataSetForm({
      accountId: lastUsedAccountId(state),
      reportId: state.reports[0]?.id ?? '',
      language: state.language,
    }),
    account: blankAccountForm(state.relayUrls),
    problems: [],
    accountProblems: [],
    test: { phase: 'idle' },
    preview: { phase: 'idle' },
    busy: false,
  };
}

export function itemState(list: ListState, id: string): DataSetItemState {
  let item = list.items[id];
  if (!item) {
    item = { confirmingDelete: false };
    list.items[id] = item;
  }
  return item;
}
