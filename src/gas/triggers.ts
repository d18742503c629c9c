/** ScriptApp adapter: this user's time-driven triggers of this spreadsheet that call one handler. */

export interface TriggerHandle {
  /** Removes the trigger. */
  remove(): void;
}

export interface Triggers {
  /** The user's triggers of the active spreadsheet whose handler is `handler`. */
  mine(handler: string): TriggerHandle[];
  /** Creates a trigger that calls `handler` every hour. */
  createHourly(handler: string): void;
}

export const scriptAppTriggers: Triggers = {
  mine: (handler) =>
    ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet())
      .filter((trigger) => trigger.getHandlerFunction() === handler)
      .map((trigger) => ({ remove: () => ScriptApp.deleteTrigger(trigger) })),
  createHourly: (handler) => {
    ScriptApp.newTrigger(handler).timeBased().everyHours(1).create();
  },
};
