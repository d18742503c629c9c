import { loadBundleInto } from '../bundle';
import { gasMessage } from '../limits';
import type { EmulationState } from '../state';
import { toWallTime } from '../timezone';
import type { TriggerRecord } from './triggers';

/** Runs the due clock triggers, each as a fresh execution of the last loaded bundle, as the trigger's owner. */

function weekOfYear(epochMs: number): number {
  const w = toWallTime(epochMs, 'UTC');
  const jan1 = Date.UTC(w.year, 0, 1);
  const day = Math.floor((Date.UTC(w.year, w.month - 1, w.day) - jan1) / 86_400_000);
  return Math.floor((day + new Date(jan1).getUTCDay()) / 7) + 1;
}

function runOne(state: EmulationState, trigger: TriggerRecord, code: string, filename: string): void {
  const at = state.clock.now();
  let error: string | undefined;
  let result: unknown;
  // A user whose triggers used up the day's runtime budget (90 min consumer, 6 h Workspace) gets no more runs.
  if (state.limits.triggerBudgetSpent(trigger.owner)) {
    error = `Exception: ${gasMessage('triggerRuntime', state.userLocale)}`;
    state.logs.push(`Trigger ${trigger.handler} (${trigger.id}) did not start: ${error}`);
    state.triggerRuns.push({ triggerId: trigger.id, handler: trigger.handler, user: trigger.owner, at, error });
    return;
  }
  try {
    const { bundle, realm } = loadBundleInto(state, code, filename, { user: trigger.owner, mode: 'trigger' });
    const w = toWallTime(at, 'UTC');
    const event = realm.record<unknown>({
      authMode: state.enums.AuthMode.FULL,
      triggerUid: trigger.id,
      year: w.year,
      month: w.month,
      'day-of-month': w.day,
      'day-of-week': w.weekday === 0 ? 7 : w.weekday,
      'week-of-year': weekOfYear(at),
      hour: w.hour,
      minute: w.minute,
      second: w.second,
      timezone: 'UTC',
    });
    result = bundle.call(trigger.handler, event);
  } catch (thrown) {
    error = String(thrown);
    state.logs.push(`Trigger ${trigger.handler} (${trigger.id}) failed: ${error}`);
  }
  const runtimeMs = state.clock.now() - at;
  state.limits.addTriggerRuntime(trigger.owner, runtimeMs);
  state.triggerRuns.push({
    triggerId: trigger.id,
    handler: trigger.handler,
    user: trigger.owner,
    at,
    runtimeMs,
    ...(error ? { error } : { result }),
  });
}

export function fireTimeTriggers(state: EmulationState): number {
  const due = state.triggers.due(state.clock.now()).filter((t) => t.eventType === 'CLOCK');
  if (due.length > 0 && !state.lastBundle) throw new Error('fireTimeTriggers: load a bundle first (loadBundle)');
  let ran = 0;
  for (const trigger of due) {
    // An earlier handler in this round may have deleted it.
    if (!state.triggers.all().includes(trigger) || !state.lastBundle) continue;
    runOne(state, trigger, state.lastBundle.code, state.lastBundle.filename);
    state.triggers.reschedule(trigger, state.clock.now());
    ran++;
  }
  return ran;
}
