/** Unique ids, through Utilities.getUuid. */
export function uuid(): string {
  return Utilities.getUuid();
}
