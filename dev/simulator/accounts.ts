/** Per-account state the simulator keeps: tokens issued, fault counters, daily and per-minute counters. */
import type { AccountFaults, FaultCount, SimAccount } from './types';
import type { Reply } from './wire';

export type TokenKind = 'classic' | 'stable';

export interface TokenRecord {
  token: string;
  appid: string;
  kind: TokenKind;
  expiresMs: number;
  /** From this time on the token answers 40001 (superseded, force-refreshed or revoked). */
  invalidFromMs: number | null;
}

export interface FaultCounters {
  busy: number;
  malformed: number;
  http5xx: number;
  hits5xx: number;
  hitsMalformed: number;
  invalidateAfter: number | null;
  quotaAfter: number | null;
}

export interface AccountState {
  account: SimAccount;
  faults: AccountFaults;
  counters: FaultCounters;
  tokens: TokenRecord[];
  classicCurrent: TokenRecord | null;
  stableCurrent: TokenRecord | null;
  lastForceMs: number | null;
  forceDay: string;
  forceCount: number;
  classicDay: string;
  classicCount: number;
  quotaDay: string;
  /** Calls accepted today, by API (cgi path). */
  usedByApi: Map<string, number>;
  minute: number;
  minuteCalls: number;
}

function remainingFromCount(count: FaultCount | undefined): number {
  if (count === true || count === 'always') return Number.POSITIVE_INFINITY;
  if (typeof count === 'number' && count > 0) return count;
  return 0;
}

export function consume(counters: FaultCounters, key: 'busy' | 'malformed' | 'http5xx'): boolean {
  if (counters[key] <= 0) return false;
  counters[key] -= 1;
  return true;
}

export function newCounters(faults: AccountFaults): FaultCounters {
  return {
    busy: remainingFromCount(faults.busy),
    malformed: remainingFromCount(faults.malformed),
    http5xx: remainingFromCount(faults.http5xx),
    hits5xx: 0,
    hitsMalformed: 0,
    invalidateAfter: faults.invalidateTokensAfter ?? null,
    quotaAfter: faults.quotaAfter ?? null,
  };
}

export function newAccountState(account: SimAccount, faults: AccountFaults): AccountState {
  return {
    account,
    faults,
    counters: newCounters(faults),
    tokens: [],
    classicCurrent: null,
    stableCurrent: null,
    lastForceMs: null,
    forceDay: '',
    forceCount: 0,
    classicDay: '',
    classicCount: 0,
    quotaDay: '',
    usedByApi: new Map(),
    minute: -1,
    minuteCalls: 0,
  };
}

export function isReply(value: AccountState | Reply): value is Reply {
  return 'status' in value;
}
