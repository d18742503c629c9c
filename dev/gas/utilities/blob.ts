import type { Env } from '../env';
import { decodeText, encodeText, fromByteArray, isByteArray, toSignedBytes } from './bytes';

/** Blob: bytes with a content type and a name. */

export interface BlobApi {
  getBytes(): number[];
  getDataAsString(charset?: string): string;
  getContentType(): string | null;
  setContentType(contentType: string | null): BlobApi;
  getName(): string | null;
  setName(name: string): BlobApi;
  setBytes(data: number[]): BlobApi;
  setDataFromString(text: string, charset?: string): BlobApi;
  getAs(contentType: string): BlobApi;
  copyBlob(): BlobApi;
  isGoogleType(): boolean;
}

/** Blob facades → their bytes, so a Blob passed back in (e.g. as a payload) can be read. */
export const blobBytes = new WeakMap<object, () => Uint8Array>();

export function createBlob(env: Env, initial: Uint8Array, contentType: string | null, name: string | null): BlobApi {
  let bytes = initial;
  let type = contentType;
  let blobName = name;
  const api: BlobApi = {
    getBytes: () => env.realm.array(toSignedBytes(bytes)),
    getDataAsString: (charset) => decodeText(bytes, charset),
    getContentType: () => type,
    setContentType(value) {
      type = value === null ? null : String(value);
      return api;
    },
    getName: () => blobName,
    setName(value) {
      blobName = String(value);
      return api;
    },
    setBytes(data) {
      bytes = isByteArray(data) ? fromByteArray(data) : new Uint8Array();
      return api;
    },
    setDataFromString(text, charset) {
      bytes = encodeText(String(text), charset);
      return api;
    },
    getAs: (as) => createBlob(env, bytes, String(as), blobName),
    copyBlob: () => createBlob(env, bytes, type, blobName),
    isGoogleType: () => false,
  };
  blobBytes.set(api, () => bytes);
  return env.wrap('Blob', api);
}
