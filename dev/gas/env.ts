import { GasError } from './errors';
import type { Execution } from './execution';
import type { Realm } from './realm';
import type { EmulationState } from './state';

/** What a service facade needs: the shared state, the caller's realm and execution, and instrumentation. */
export interface Env {
  readonly state: EmulationState;
  readonly realm: Realm;
  readonly exec: Execution;
  /**
   * Instruments every method of `api` in place: counts the call as `Class.method`, charges its cost (the cost
   * profile) and the Properties quota, enforces the execution time limit, and turns GasError into an Exception of
   * the caller's realm.
   */
  wrap<T extends object>(className: string, api: T): T;
}

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

export function createEnv(state: EmulationState, realm: Realm, exec: Execution): Env {
  return {
    state,
    realm,
    exec,
    wrap<T extends object>(className: string, api: T): T {
      const methods = api as unknown as Record<string, unknown>;
      for (const key of Object.keys(methods)) {
        const method = methods[key];
        if (typeof method !== 'function') continue;
        const name = `${className}.${key}`;
        const wrapped = function (this: unknown, ...args: unknown[]): unknown {
          state.calls.hit(name);
          try {
            exec.checkTime();
            const metered = exec.mode !== 'host';
            if (metered && className === 'Properties') {
              state.limits.take('properties', exec.user(), 1, state.userLocale);
            }
            const result = (method as AnyMethod).apply(this, args);
            if (metered) state.meter.chargeCall(name, args, result);
            // A call that ran past the time limit never returns to the script.
            exec.checkTime();
            return result;
          } catch (error) {
            if (error instanceof GasError) throw realm.exception(error.message);
            throw error;
          }
        };
        Object.defineProperty(wrapped, 'name', { value: key });
        methods[key] = wrapped;
      }
      return api;
    },
  };
}
