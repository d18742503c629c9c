/** Apps Script byte arrays are arrays of signed bytes (-128…127). */

export function toSignedBytes(data: Uint8Array): number[] {
  return Array.from(data, (b) => (b > 127 ? b - 256 : b));
}

export function isByteArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((b) => typeof b === 'number');
}

export function fromByteArray(value: readonly number[]): Uint8Array {
  return Uint8Array.from(value, (b) => b & 0xff);
}

/** 'UTF_8' (the Charset enum) or 'UTF-8' → 'utf-8'. */
export function charsetLabel(charset: unknown): string {
  if (charset === undefined || charset === null) return 'utf-8';
  return String(charset).toLowerCase().replace(/_/g, '-');
}

export function encodeText(text: string, charset?: unknown): Uint8Array {
  const label = charsetLabel(charset);
  if (label === 'us-ascii' || label === 'ascii') return new Uint8Array(Buffer.from(text, 'ascii'));
  if (label === 'iso-8859-1' || label === 'latin1') return new Uint8Array(Buffer.from(text, 'latin1'));
  return new TextEncoder().encode(text);
}

export function decodeText(bytes: Uint8Array, charset?: unknown): string {
  try {
    return new TextDecoder(charsetLabel(charset)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** A string is encoded with the charset; a byte array is taken as is. */
export function bytesOf(value: unknown, charset?: unknown): Uint8Array {
  if (isByteArray(value)) return fromByteArray(value);
  return encodeText(String(value), charset);
}
