import vm from 'node:vm';
import { createEnv } from './env';
import { Execution, type ExecutionMode } from './execution';
import { createGlobals } from './globals';
import { installVmRealm, type Realm } from './realm';
import type { EmulationState } from './state';
import type { BundleContext } from './types';

export interface LoadedBundle {
  bundle: BundleContext;
  realm: Realm;
  execution: Execution;
}

/**
 * Runs the bundle in a fresh vm context that holds only the Apps Script globals (no require, process, module,
 * Buffer, setTimeout), as one execution of its own.
 */
export function loadBundleInto(
  state: EmulationState,
  code: string,
  filename: string,
  options: { user?: string; mode: ExecutionMode },
): LoadedBundle {
  const sandbox: Record<string, unknown> = {};
  const context = vm.createContext(sandbox, { name: filename });
  const realm = installVmRealm(context, () => state.clock.now(), state.scriptTimeZone);
  const execution = new Execution(state, options.mode, options.user);
  const globals = createGlobals(createEnv(state, realm, execution));
  for (const [name, value] of Object.entries(globals)) if (name !== 'Date') sandbox[name] = value;

  const lookup = (name: string): ((...args: unknown[]) => unknown) => {
    const fn = sandbox[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn as (...args: unknown[]) => unknown;
  };
  // A terminated execution reports its termination, whatever the script did after it (it cannot catch it).
  const run = <T>(body: () => T, loading = false): T => {
    execution.enter(loading);
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: body() };
    } catch (error) {
      outcome = { error };
    }
    const terminated = execution.terminated;
    execution.leave();
    if (terminated) throw terminated;
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };

  // Apps Script evaluates the global scope at the start of each execution; here once, as part of loading.
  run(() => vm.runInContext(code, context, { filename }), true);

  const bundle: BundleContext = {
    context,
    has: (name) => typeof sandbox[name] === 'function',
    call<T>(name: string, ...args: unknown[]): T {
      const fn = lookup(name);
      return run(() => fn(...args) as T);
    },
    begin<T>(name: string, ...args: unknown[]): T {
      const fn = lookup(name);
      execution.keepOpen();
      try {
        return run(() => fn(...args) as T);
      } catch (error) {
        // An uncaught exception ends the execution, and with it the locks.
        execution.close();
        throw error;
      }
    },
    end: () => execution.close(),
  };
  return { bundle, realm, execution };
}
