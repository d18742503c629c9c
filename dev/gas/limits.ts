/**
 * Apps Script's daily quotas, burst throttling and trigger runtime budget, per user, with Apps Script's messages in
 * the user's locale. Quotas "reset 24 hours after the first request" ([quotas]); each user's window starts with
 * that user's first counted call.
 *
 * [quotas] https://developers.google.com/apps-script/guides/services/quotas: URL Fetch calls 20,000/day (consumer)
 *          and 100,000/day (Workspace); Properties read/write 50,000/day and 500,000/day; triggers total runtime
 *          90 min/day and 6 h/day; script runtime 6 min per execution.
 * Messages (English): "Service invoked too many times for one day: urlfetch." and "Service invoked too many times
 * in a short time: urlfetch. Try Utilities.sleep(1000) between calls." (RemcoE33/apps-script-codebase #1,
 * Blacksmoke16/GESI #99, diegomanuel/binance-to-google-sheets #8); "Exceeded maximum execution time" and "Service
 * using too much computer time for one day" (the failure-summary emails, ctrlq.org/docs/20474).
 * Apps Script translates these into the user's language; we found no public copy of the zh-CN wording, so the
 * zh-CN texts below are our translation. What stays untranslated in every locale is the service identifier
 * ("urlfetch", "properties") and the code in the advice ("Utilities.sleep(1000)").
 */

import { GasError } from './errors';

export type AccountKind = 'consumer' | 'workspace';
export type QuotaService = 'urlfetch' | 'properties';

const DAY_MS = 86_400_000;

const DAILY_LIMITS: Readonly<Record<QuotaService, Readonly<Record<AccountKind, number>>>> = {
  urlfetch: { consumer: 20_000, workspace: 100_000 },
  properties: { consumer: 50_000, workspace: 500_000 },
};

const TRIGGER_RUNTIME_MS: Readonly<Record<AccountKind, number>> = {
  consumer: 90 * 60_000,
  workspace: 6 * 3_600_000,
};

type MessageKey = 'dailyQuota' | 'burst' | 'executionTime' | 'triggerRuntime' | 'dns' | 'timeout' | 'unavailable';

const MESSAGES: Readonly<Record<'en' | 'zh-CN', Readonly<Record<MessageKey, (service: string) => string>>>> = {
  en: {
    dailyQuota: (s) => `Service invoked too many times for one day: ${s}.`,
    burst: (s) => `Service invoked too many times in a short time: ${s}. Try Utilities.sleep(1000) between calls.`,
    executionTime: () => 'Exceeded maximum execution time',
    triggerRuntime: () => 'Service using too much computer time for one day',
    dns: (url) => `DNS error: ${url}`,
    timeout: (url) => `Timeout: ${url}`,
    unavailable: (url) => `Address unavailable: ${url}`,
  },
  'zh-CN': {
    dailyQuota: (s) => `一天内调用服务的次数过多：${s}。`,
    burst: (s) => `短时间内调用服务的次数过多：${s}。请尝试在两次调用之间使用 Utilities.sleep(1000)。`,
    executionTime: () => '超出了最长执行时间',
    triggerRuntime: () => '服务一天内使用的计算机时间过多',
    dns: (url) => `DNS 错误：${url}`,
    timeout: (url) => `超时：${url}`,
    unavailable: (url) => `地址不可用：${url}`,
  },
};

/** The message Apps Script gives in `locale` (`service` is the service identifier, or the URL for fetch failures) (zh, zh_CN, zh-CN → Simplified Chinese; anything else English). */
export function gasMessage(key: MessageKey, locale: string, service = ''): string {
  const table = /^zh([-_](CN|Hans))?$/i.test(locale) ? MESSAGES['zh-CN'] : MESSAGES.en;
  return table[key](service);
}

interface Window {
  startMs: number;
  used: number;
}

/** An Apps Script exception about a quota (the bundle sees it as an Exception with this message). */
export class QuotaError extends GasError {}

/** Per-user daily counters and injected burst throttling. */
export class Limits {
  accountKind: AccountKind;
  /** LockService.getDocumentLock() answers null (as outside a container document). */
  documentLockNull = false;
  private readonly windows = new Map<string, Window>();
  private readonly throttled = new Map<QuotaService, number>();

  constructor(
    accountKind: AccountKind,
    private readonly now: () => number,
  ) {
    this.accountKind = accountKind;
  }

  private window(user: string, what: string): Window {
    const key = `${user}\u0001${what}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startMs >= DAY_MS) {
      window = { startMs: now, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  dailyLimit(service: QuotaService): number {
    return DAILY_LIMITS[service][this.accountKind];
  }

  /** Counts `count` calls of `service` for `user`, or throws the quota/throttling message (nothing counted). */
  take(service: QuotaService, user: string, count: number, locale: string): void {
    const burst = this.throttled.get(service) ?? 0;
    if (burst > 0) {
      this.throttled.set(service, burst - 1);
      throw new QuotaError(gasMessage('burst', locale, service));
    }
    const window = this.window(user, service);
    if (window.used + count > this.dailyLimit(service)) throw new QuotaError(gasMessage('dailyQuota', locale, service));
    window.used += count;
  }

  /** Sets how much of today's quota `user` has used (tests bring a quota to its edge). */
  setUsed(service: QuotaService, user: string, used: number): void {
    this.window(user, service).used = used;
  }

  used(service: QuotaService, user: string): number {
    return this.window(user, service).used;
  }

  /**
   * The next `calls` calls of `service` fail with the burst-throttling message. Google publishes no threshold for
   * "too many times in a short time", so the emulation does not guess one: tests inject it.
   */
  throttle(service: QuotaService, calls: number): void {
    this.throttled.set(service, calls);
  }

  triggerBudgetMs(): number {
    return TRIGGER_RUNTIME_MS[this.accountKind];
  }

  triggerRuntimeUsed(user: string): number {
    return this.window(user, 'trigger-runtime').used;
  }

  addTriggerRuntime(user: string, ms: number): void {
    this.window(user, 'trigger-runtime').used += Math.max(0, ms);
  }

  setTriggerRuntimeUsed(user: string, ms: number): void {
    this.window(user, 'trigger-runtime').used = ms;
  }

  triggerBudgetSpent(user: string): boolean {
    return this.triggerRuntimeUsed(user) >= this.triggerBudgetMs();
  }
}
