/**
 * Apps Script emulation for running dist/Code.js on Node: the services a Sheets editor add-on uses, faithful
 * where it matters (setValues parsing, property/cache limits, locks between executions, add-on trigger rules,
 * synchronous UrlFetch over real HTTP). See dev/gas/README.md.
 */
import { loadBundleInto } from './bundle';
import { createEnv } from './env';
import { Execution } from './execution';
import { createGlobals } from './globals';
import { hostRealm } from './realm';
import { fireTimeTriggers } from './script/fire';
import { createFakeSpreadsheet } from './spreadsheet/inspect';
import { EmulationState } from './state';
import type { BundleContext, Emulation, EmulationOptions } from './types';

export type { CallCounter } from './calls';
export { type Clock, realClock, type VirtualClock, virtualClock } from './clock';
export { type CostProfile, FREE_PROFILE, REALISTIC_PROFILE } from './costs';
export { type AccountKind, gasMessage, type Limits } from './limits';
export type { CellSnapshot, FakeSheet, FakeSpreadsheet } from './spreadsheet/inspect';
export type * from './types';

export function createEmulation(options: EmulationOptions = {}): Emulation {
  const state = new EmulationState(options);
  const hostExecution = new Execution(state, 'host');
  const globals = createGlobals(
    createEnv(
      state,
      hostRealm(() => state.clock.now()),
      hostExecution,
    ),
  );
  const executions = new WeakMap<BundleContext, Execution>();
  const propertiesOf = (store: { entries(): Record<string, string> }) => store.entries();

  return {
    globals,
    loadBundle(code, filename = 'Code.js', loadOptions = {}) {
      state.lastBundle = { code, filename };
      const { bundle, execution } = loadBundleInto(state, code, filename, {
        ...(loadOptions.user === undefined ? {} : { user: loadOptions.user }),
        mode: 'interactive',
      });
      executions.set(bundle, execution);
      return bundle;
    },
    setUser(email) {
      state.user = email;
    },
    get user() {
      return state.user;
    },
    clock: state.clock,
    spreadsheet: createFakeSpreadsheet(state.spreadsheet),
    calls: state.calls,
    logs: state.logs,
    urlFetchLog: state.urlFetchLog,
    ui: state.ui,
    mail: state.mail,
    triggerRuns: state.triggerRuns,
    costs: state.meter,
    limits: state.limits,
    triggers: () =>
      state.triggers.all().map((t) => ({
        id: t.id,
        handler: t.handler,
        user: t.owner,
        eventType: t.eventType,
        ...(t.nextRunAt === undefined ? {} : { nextRunAt: t.nextRunAt }),
      })),
    fireTimeTriggers: () => fireTimeTriggers(state),
    releaseAllLocks(context) {
      const execution = context === undefined ? hostExecution : executions.get(context);
      if (execution) state.locks.releaseAll(execution);
    },
    properties: {
      document: () => propertiesOf(state.properties.document),
      script: () => propertiesOf(state.properties.script),
      user: (email = state.user) => propertiesOf(state.properties.user(email)),
    },
    dispose() {
      state.http.dispose();
    },
  };
}
