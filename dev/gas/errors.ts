/**
 * Errors raised by emulated services. Services throw GasError; the instrumentation layer turns it into an
 * `Exception` of the calling vm realm (name 'Exception', so `String(e)` reads "Exception: <message>" as in Apps Script).
 */
export class GasError extends Error {
  override name = 'Exception';
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return `${value.length > 0 ? typeName(first) : 'Object'}[]`;
  }
  if (Object.prototype.toString.call(value) === '[object Date]') return 'Date';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

/** The message Apps Script gives when arguments do not fit any overload. */
export function signatureError(method: string, args: readonly unknown[]): GasError {
  return new GasError(
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`,
  );
}

export function isDateLike(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateLike(value);
}
