/**
 * Saving a choice the user may change faster than the server answers (the language switch). Server calls are not
 * ordered, so saves sent side by side may be stored in any order. Here one save is on its way at a time: a choice
 * made meanwhile is only remembered, and when the save answers, the latest choice is sent if it differs from what
 * was stored. The caller shows each choice at once; nothing here ever changes what is shown.
 */
export interface LatestChoiceSaver<T> {
  choose(value: T): void;
  /** Whether a save is on its way (a later choice may still be waiting for it). */
  readonly saving: boolean;
}

export function latestChoiceSaver<T>(
  stored: T,
  save: (value: T) => Promise<unknown>,
  onSavingChange: (saving: boolean) => void = () => undefined,
): LatestChoiceSaver<T> {
  /** What the server holds; unknown after a failed save (it may have stored the value or not). */
  let known: { value: T } | undefined = { value: stored };
  let latest = stored;
  let saving = false;

  const needsSave = () => known === undefined || known.value !== latest;
  const send = (): void => {
    const sent = latest;
    save(sent).then(
      () => {
        known = { value: sent };
        answered(needsSave());
      },
      // Send again only for a newer choice: a save that keeps failing is not retried in a loop.
      () => {
        known = undefined;
        answered(latest !== sent);
      },
    );
  };
  const answered = (sendAgain: boolean): void => {
    if (sendAgain) {
      send();
      return;
    }
    saving = false;
    onSavingChange(false);
  };

  return {
    choose(value) {
      latest = value;
      if (saving || !needsSave()) return;
      saving = true;
      onSavingChange(true);
      send();
    },
    get saving() {
      return saving;
    },
  };
}
