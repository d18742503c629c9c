import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Env } from '../env';
import { GasError, isDateLike, signatureError } from '../errors';
import { createBlob } from '../utilities/blob';
import { bytesOf, toSignedBytes } from '../utilities/bytes';
import { formatString, parseCsv } from '../utilities/format-string';
import { formatJavaDate } from '../utilities/java-date-format';

/** Utilities: sleep (on the emulation clock), formatDate, digests, HMAC, base64, UUIDs, blobs, CSV. */

export const MAX_SLEEP_MS = 300_000;

const DIGESTS: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function decodeBase64(encoded: unknown, webSafe: boolean): Buffer {
  const text = String(encoded).replace(/\s+/g, '');
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(text) || text.replace(/=+$/, '').length % 4 === 1) throw new GasError('Could not decode string.');
  return Buffer.from(text, webSafe ? 'base64url' : 'base64');
}

export function createUtilities(env: Env) {
  const { enums, clock } = env.state;
  const signed = (data: Uint8Array) => env.realm.array(toSignedBytes(data));
  const hmac = (algorithm: string, value: unknown, key: unknown, charset: unknown) =>
    signed(createHmac(algorithm, bytesOf(key, charset)).update(bytesOf(value, charset)).digest());

  return env.wrap('Utilities', {
    Charset: enums.Charset,
    DigestAlgorithm: enums.DigestAlgorithm,
    MacAlgorithm: enums.MacAlgorithm,
    sleep(milliseconds: number) {
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms)) throw signatureError('Utilities.sleep', [milliseconds]);
      if (ms > MAX_SLEEP_MS) throw new GasError('Invalid argument: milliseconds');
      clock.sleep(Math.max(0, Math.floor(ms)));
    },
    formatDate(date: Date, timeZone: string, format: string) {
      if (!isDateLike(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw signatureError('Utilities.formatDate', [date, timeZone, format]);
      }
      const ms = date.getTime();
      if (Number.isNaN(ms)) throw new GasError('Invalid argument: date');
      return formatJavaDate(ms, timeZone, format);
    },
    formatString: (template: string, ...args: unknown[]) => formatString(String(template), args),
    computeDigest(algorithm: unknown, value: unknown, charset?: unknown) {
      const name = DIGESTS[String(algorithm)];
      if (!name) throw signatureError('Utilities.computeDigest', [algorithm, value]);
      try {
        return signed(createHash(name).update(bytesOf(value, charset)).digest());
      } catch {
        throw new GasError(`Unsupported digest algorithm: ${String(algorithm)}`);
      }
    },
    computeHmacSha256Signature: (value: unknown, key: unknown, charset?: unknown) =>
      hmac('sha256', value, key, charset),
    computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown) {
      const name = MACS[String(algorithm)];
      if (!name) throw signatureError('Utilities.computeHmacSignature', [algorithm, value, key]);
      return hmac(name, value, key, charset);
    },
    base64Encode: (data: unknown, charset?: unknown) => Buffer.from(bytesOf(data, charset)).toString('base64'),
    // Apps Script's web-safe alphabet keeps the '=' padding.
    base64EncodeWebSafe: (data: unknown, charset?: unknown) =>
      Buffer.from(bytesOf(data, charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    base64Decode: (encoded: unknown) => signed(decodeBase64(encoded, false)),
    base64DecodeWebSafe: (encoded: unknown) => signed(decodeBase64(encoded, true)),
    getUuid: () => randomUUID(),
    newBlob(data: unknown, contentType?: string, name?: string) {
      const bytes = data === undefined ? new Uint8Array() : bytesOf(data);
      return createBlob(
        env,
        bytes,
        contentType === undefined ? null : String(contentType),
        name === undefined ? null : String(name),
      );
    },
    parseCsv(csv: string, delimiter?: string) {
      const rows = parseCsv(String(csv), delimiter === undefined ? ',' : String(delimiter));
      return env.realm.array(rows.map((row) => env.realm.array(row)));
    },
  });
}
