/**
 * Relay keys: what counts as a strong key, and checking the key a caller presents. Keys are compared as SHA-256
 * digests with `timingSafeEqual`, against every configured key without stopping at the first match, so neither
 * the time taken nor an early exit tells a caller how close a guess was or how long a key is.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_KEY_LENGTH = 32;
/** The add-on accepts relay keys of at most 256 characters without spaces. */
export const MAX_KEY_LENGTH = 256;
// A random 32-character hex key (openssl rand -hex 16) has fewer than 8 different characters about once in a million.
const MIN_DISTINCT_CHARACTERS = 8;
// Shannon entropy of the key's own characters times its length. Random 32-character hex keys score about 116 bits
// (the lowest of 300 000 drawn: 90); a key that uses a few characters over and over scores far less.
const MIN_ESTIMATED_BITS = 80;
// A random key repeats almost none of its three-character pieces (32 hex characters: 0.1 repeats on average).
const MIN_DISTINCT_TRIGRAM_SHARE = 0.75;

/**
 * Keys that appear as examples in the relay documentation: anyone can read them, so they are refused like any
 * placeholder. docs/relay.md shows the first one; a test checks that every key written in that page is refused.
 */
export const DOCUMENTED_EXAMPLE_KEYS: readonly string[] = ['Xb7Kq2Vn9Lw4Rt8Yz3Pm6Hd1Fs5Gj0AcE2uN'];

/**
 * Words that mark a placeholder or a made-up key, compared in lower case with everything but letters and digits
 * removed. All have five or more letters, so a random key contains one about once in a million at most.
 */
const PLACEHOLDER_WORDS: readonly string[] = [
  'changeme',
  'example',
  'yourkey',
  'yourrelay',
  'placeholder',
  'replace',
  'paste',
  'insert',
  'secret',
  'password',
  'passwd',
  'sample',
  'dummy',
  'qwerty',
  'letmein',
  'relaykey',
  'apikey',
  'generate',
];

/** Why a key is too weak to accept, or undefined. Never quotes the key. */
export function keyWeakness(key: string): string | undefined {
  if (key.length < MIN_KEY_LENGTH) return `is shorter than ${MIN_KEY_LENGTH} characters`;
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  if (!/^[\x21-\x7e]+$/.test(key)) return 'contains spaces or characters other than printable ASCII';
  if (DOCUMENTED_EXAMPLE_KEYS.includes(key)) return 'is the example key from the relay documentation';
  const word = placeholderWord(key);
  if (word !== undefined) return `contains "${word}", which marks a placeholder or a made-up key`;
  if (new Set(key).size < MIN_DISTINCT_CHARACTERS) {
    return `has fewer than ${MIN_DISTINCT_CHARACTERS} different characters`;
  }
  if (repeatsAPattern(key)) return 'repeats a shorter pattern';
  if (isMostlyARun(key)) return 'is mostly a run of consecutive characters';
  if (distinctTrigramShare(key) < MIN_DISTINCT_TRIGRAM_SHARE) return 'is built from a few pieces used over and over';
  if (estimatedBits(key) < MIN_ESTIMATED_BITS) return `has an estimated entropy below ${MIN_ESTIMATED_BITS} bits`;
  return undefined;
}

function placeholderWord(key: string): string | undefined {
  const letters = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PLACEHOLDER_WORDS.find((word) => letters.includes(word));
}

function repeatsAPattern(key: string): boolean {
  for (let period = 1; period <= key.length / 2; period++) {
    let periodic = true;
    for (let i = period; i < key.length && periodic; i++) periodic = key[i] === key[i - period];
    if (periodic) return true;
  }
  return false;
}

/** "abcdef…", "0123…", "zyxw…": more than half of neighbouring pairs one code point apart. */
function isMostlyARun(key: string): boolean {
  let steps = 0;
  for (let i = 1; i < key.length; i++) {
    if (Math.abs(key.charCodeAt(i) - key.charCodeAt(i - 1)) === 1) steps++;
  }
  return steps > (key.length - 1) / 2;
}

function distinctTrigramShare(key: string): number {
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= key.length; i++) trigrams.add(key.slice(i, i + 3));
  return trigrams.size / (key.length - 2);
}

/** Length × Shannon entropy of the key's character frequencies. */
export function estimatedBits(key: string): number {
  const counts = new Map<string, number>();
  for (const char of key) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / key.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * key.length;
}

/** A new random key: 32 bytes, base64url (43 characters). */
export function generateKey(): string {
  // A random key can, rarely, spell a placeholder word ("dummy", "secret"…) that keyWeakness refuses: draw again.
  for (;;) {
    const key = randomBytes(32).toString('base64url');
    if (keyWeakness(key) === undefined) return key;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export interface KeyGrant {
  /** The key's name from the configuration (for logs and the rate limit; never the key itself). */
  name: string;
  key: string;
  appIds: readonly string[];
}

export type KeyCheck =
  | { ok: true; name: string; appIds: ReadonlySet<string> }
  | { ok: false; reason: 'missing' | 'invalid' };

interface StoredKey {
  name: string;
  digest: Buffer;
  appIds: ReadonlySet<string>;
}

/** The Bearer token of an Authorization header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

export class KeyRing {
  private readonly keys: StoredKey[];

  constructor(grants: readonly KeyGrant[]) {
    this.keys = grants.map((grant) => ({ name: grant.name, digest: digest(grant.key), appIds: new Set(grant.appIds) }));
  }

  /** Checks an Authorization header against every configured key. */
  check(authorization: string | undefined): KeyCheck {
    const presented = bearerToken(authorization);
    if (presented === undefined) return { ok: false, reason: 'missing' };
    const presentedDigest = digest(presented);
    let match: StoredKey | undefined;
    for (const stored of this.keys) {
      if (timingSafeEqual(stored.digest, presentedDigest) && !match) match = stored;
    }
    return match ? { ok: true, name: match.name, appIds: match.appIds } : { ok: false, reason: 'invalid' };
  }
}
