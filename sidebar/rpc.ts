/**
 * google.script.run as typed promises: `call('saveDataSet', input)` resolves with the server's result or rejects
 * with the Error the failure handler received. Calls are not ordered; callers that care keep a sequence number.
 */
import type { ServerFunctions } from '../src/ui/contract';

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
}

declare const google: { script: { run: ScriptRunner } };

export type ServerName = keyof ServerFunctions;
export type ServerResult<K extends ServerName> = ReturnType<ServerFunctions[K]>;

export function call<K extends ServerName>(name: K, ...args: Parameters<ServerFunctions[K]>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    const functions = runner as unknown as Record<K, (...values: unknown[]) => void>;
    functions[name](...args);
  });
}
