/**
 * The add-on's server functions as the built bundle exposes them (src/main.ts), for the tools and tests that call
 * them through the emulation: each as its module defines it (inputs as google.script.run may send them), with the
 * results of the contract (src/main.ts checks them against ServerFunctions in src/ui/contract.ts).
 */
import type * as accounts from '../src/api/accounts';
import type * as dashboards from '../src/api/dashboards';
import type * as datasets from '../src/api/datasets';
import type * as estimate from '../src/api/estimate';
import type * as quota from '../src/api/quota';
import type * as refreshAll from '../src/api/refresh-all';
import type * as relay from '../src/api/relay';
import type * as schedule from '../src/api/schedule';
import type { ServerFunctions } from '../src/ui/contract';
import type * as menu from '../src/ui/menu';
import type * as session from '../src/ui/session';

type Modules = typeof accounts &
  typeof dashboards &
  typeof datasets &
  typeof estimate &
  typeof quota &
  typeof refreshAll &
  typeof relay &
  typeof schedule &
  typeof menu &
  typeof session;

export type EntryPoints = Pick<
  Modules,
  | keyof ServerFunctions
  | 'onScheduledTick'
  | 'onOpen'
  | 'onInstall'
  | 'showNewDataSet'
  | 'showNewDashboard'
  | 'showManageDataSets'
  | 'showRefreshAll'
  | 'showAccounts'
  | 'showHelp'
>;
export type EntryName = keyof EntryPoints;

/** Calls a server function by name, with its own parameters and result. */
export type CallEntry = <K extends EntryName>(
  name: K,
  ...args: Parameters<EntryPoints[K]>
) => ReturnType<EntryPoints[K]>;
