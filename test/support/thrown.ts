/** The text of what `fn` throws, as Apps Script shows it (`String(error)`); fails the test when nothing is thrown. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String(error);
  }
  throw new Error('expected a throw');
}
