import { createHash } from 'node:crypto';
import type { Env } from '../env';

/** Session: the active user (as chosen by Emulation.setUser or the context's pinned user) and time zone. */
export function createSession(env: Env) {
  const user = (email: string) => env.wrap('User', { getEmail: () => email });
  return env.wrap('Session', {
    getActiveUser: () => user(env.exec.user()),
    getEffectiveUser: () => user(env.exec.user()),
    getScriptTimeZone: () => env.state.scriptTimeZone,
    getActiveUserLocale: () => env.state.userLocale,
    getTemporaryActiveUserKey: () =>
      createHash('sha256')
        .update(`temporary-key:${env.state.spreadsheet.id}:${env.exec.user()}`)
        .digest('base64url')
        .slice(0, 40),
  });
}
