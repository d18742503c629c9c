/**
 * Deterministic synthetic WeChat datacube data (an independent model of WeChat: nothing here comes from src/).
 *
 * Every number is a pure function of (appid, endpoint family, date[, hour]) through a seeded hash, so two
 * simulators (or two runs) serve identical data. Shapes follow shared/wechat-api.md §5 and §6, including the
 * undocumented extras of §9.9.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type Granularity = 'day' | 'hour' | 'week' | 'month';

export interface EndpointSpec {
  name: string;
  /** Longest window one call may ask for, inclusive (end − begin + 1). */
  maxSpanDays: number;
  earliestDate: string;
  granularity: Granularity;
  /** The classic article endpoints WeChat stopped maintaining. */
  deprecated: boolean;
  /** The four published-content endpoints (2025-11-01+), whose envelope carries `is_delay`. */
  published: boolean;
}

export const CLASSIC_EARLIEST_DATE = '2014-12-01';
export const PUBLISHED_EARLIEST_DATE = '2025-11-01';

function classicSpec(name: string, maxSpanDays: number, granularity: Granularity, deprecated = false): EndpointSpec {
  return { name, maxSpanDays, earliestDate: CLASSIC_EARLIEST_DATE, granularity, deprecated, published: false };
}

function publishedSpec(name: string, maxSpanDays: number): EndpointSpec {
  return {
    name,
    maxSpanDays,
    earliestDate: PUBLISHED_EARLIEST_DATE,
    granularity: 'day',
    deprecated: false,
    published: true,
  };
}

const SPECS: readonly EndpointSpec[] = [
  classicSpec('getusersummary', 7, 'day'),
  classicSpec('getusercumulate', 7, 'day'),
  classicSpec('getarticlesummary', 1, 'day', true),
  classicSpec('getarticletotal', 1, 'day', true),
  classicSpec('getuserread', 3, 'day', true),
  classicSpec('getuserreadhour', 1, 'hour', true),
  classicSpec('getusershare', 7, 'day', true),
  classicSpec('getusersharehour', 1, 'hour', true),
  classicSpec('getupstreammsg', 7, 'day'),
  classicSpec('getupstreammsghour', 1, 'hour'),
  /*
   * Week/month message reports: the old combined page allowed 30 days; the current per-endpoint pages say the end
   * must be "the same day" yet their own examples span 2 days (week, [D-msgweek]) and 1–5 November (month,
   * [D-msgmonth-en]). We apply the tightest rule both examples satisfy: at most 7 days, which still holds one
   * Monday / can hold the 1st. The distribution week/month pages say "no more than 15 days" ([D-msgdistweek-en]).
   */
  classicSpec('getupstreammsgweek', 7, 'week'),
  classicSpec('getupstreammsgmonth', 7, 'month'),
  classicSpec('getupstreammsgdist', 15, 'day'),
  classicSpec('getupstreammsgdistweek', 15, 'week'),
  classicSpec('getupstreammsgdistmonth', 15, 'month'),
  classicSpec('getinterfacesummary', 30, 'day'),
  classicSpec('getinterfacesummaryhour', 1, 'hour'),
  publishedSpec('getarticleread', 1),
  publishedSpec('getarticleshare', 1),
  publishedSpec('getbizsummary', 30),
  publishedSpec('getarticletotaldetail', 1),
];

const SPEC_BY_NAME: ReadonlyMap<string, EndpointSpec> = new Map(SPECS.map((spec) => [spec.name, spec]));

export const ENDPOINT_NAMES: readonly string[] = SPECS.map((spec) => spec.name);
export const DEPRECATED_ENDPOINTS: readonly string[] = SPECS.filter((spec) => spec.deprecated).map((s) => s.name);

export function endpointSpec(name: string): EndpointSpec | undefined {
  return SPEC_BY_NAME.get(name);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates: `YYYY-MM-DD` strings and day numbers (days since 1970-01-01).

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function isValidIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function beijingHour(ms: number): number {
  return new Date(ms + BEIJING_OFFSET_MS).getUTCHours();
}

function isMonday(day: number): boolean {
  // Day 4 (1970-01-05) was a Monday.
  return (((day - 4) % 7) + 7) % 7 === 0;
}

function isFirstOfMonth(day: number): boolean {
  return isoDate(day).endsWith('-01');
}

function lastDayOfMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded hashing (FNV-1a with a murmur3 finaliser) and a small PRNG (mulberry32).

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

function rngFor(...parts: ReadonlyArray<string | number>): Rng {
  return new Rng(hash32(parts.join('\u0001')));
}

/**
 * Splits `total` into integer parts proportional to `weights` (with multiplicative jitter), summing exactly to
 * `total` (largest-remainder rounding). Zero weights always get zero.
 */
function splitTotal(total: number, weights: readonly number[], rng: Rng, jitter = 0.3): number[] {
  const noisy = weights.map((w) => (w > 0 ? w * (1 - jitter + 2 * jitter * rng.next()) : 0));
  const weightSum = noisy.reduce((a, b) => a + b, 0);
  if (total <= 0 || weightSum <= 0) return weights.map(() => 0);
  const raw = noisy.map((w) => (total * w) / weightSum);
  const parts = raw.map((v) => Math.floor(v));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((v, index) => ({ index, fraction: v - Math.floor(v) }))
    .filter((entry) => (noisy[entry.index] ?? 0) > 0)
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) {
    const index = order[k]?.index ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}

interface UserCount {
  users: number;
  count: number;
}

/** Splits a (users, count) pair so every part keeps count ≥ users. */
function splitPair(pair: UserCount, weights: readonly number[], rng: Rng): UserCount[] {
  const users = splitTotal(pair.users, weights, rng);
  const extra = splitTotal(Math.max(0, pair.count - pair.users), weights, rng);
  return users.map((u, i) => ({ users: u, count: u + (extra[i] ?? 0) }));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function at<T>(items: readonly T[], index: number, fallback: T): T {
  return items[index] ?? fallback;
}

const HOURS: readonly number[] = Array.from({ length: 24 }, (_, hour) => hour);
/** Relative activity per Beijing hour: quiet nights, commute, lunch and evening peaks. */
const HOUR_WEIGHTS: readonly number[] = [
  1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 2.2, 4.0, 3.4, 3.0, 3.3, 4.6, 3.8, 3.0, 3.0, 3.1, 3.6, 4.4, 4.4, 5.0, 5.6, 4.8,
  2.6,
];

function refHour(hour: number): number {
  return hour * 100;
}

// ---------------------------------------------------------------------------------------------------------------
// Account profile: the magnitudes of one synthetic account.

interface AccountProfile {
  /** Followers on 2014-12-01. */
  followerBase: number;
  followersPerDay: number;
  massSendRate: number;
  maxArticles: number;
  publishRate: number;
  openRate: number;
  messagesPerFollower: number;
  callbacksPerFollower: number;
  callbackMs: number;
  msgIdBase: number;
  bizId: string;
}

const profileCache = new Map<string, AccountProfile>();
const EPOCH_DAY = dayNumber(CLASSIC_EARLIEST_DATE);

function profileOf(appid: string): AccountProfile {
  const cached = profileCache.get(appid);
  if (cached) return cached;
  const rng = rngFor(appid, 'profile');
  const followerBase = Math.round(10 ** rng.float(3.5, 5.5));
  const profile: AccountProfile = {
    followerBase,
    followersPerDay: followerBase * rng.float(0.0003, 0.0012),
    massSendRate: rng.float(0.45, 0.8),
    maxArticles: rng.int(1, 5),
    publishRate: rng.float(0.1, 0.35),
    openRate: rng.float(0.03, 0.1),
    messagesPerFollower: rng.float(0.0004, 0.003),
    callbacksPerFollower: rng.chance(0.15) ? 0 : rng.float(0.002, 0.02),
    callbackMs: rng.int(60, 450),
    msgIdBase: 2_247_480_000 + rng.int(0, 9_999) * 10,
    bizId: Buffer.from(String(rng.int(3_000_000_000, 3_999_999_999))).toString('base64'),
  };
  profileCache.set(appid, profile);
  return profile;
}

function followersOn(appid: string, day: number): number {
  const profile = profileOf(appid);
  const trend = profile.followerBase + profile.followersPerDay * (day - EPOCH_DAY);
  const wobble = rngFor(appid, 'wobble', day).float(-1, 1) * profile.followerBase * 0.0006;
  return Math.max(0, Math.round(trend + wobble));
}

// ---------------------------------------------------------------------------------------------------------------
// Users: getusersummary, getusercumulate.

/** Current channel list (§6.1); 0 is "other, combined" and always has a row. */
const USER_SOURCES: readonly number[] = [0, 1, 17, 30, 57, 100, 149, 161, 200, 201];
const USER_SOURCE_WEIGHTS: readonly number[] = [3, 3, 1.5, 6, 1, 2, 0.5, 1, 1, 0.3];

function userSummaryRows(appid: string, day: number): JsonObject[] {
  const rng = rngFor(appid, 'usersummary', day);
  const followers = followersOn(appid, day);
  const net = followers - followersOn(appid, day - 1);
  let cancels = rng.int(0, Math.max(1, Math.round(followers * 0.0008)));
  let gained = net + cancels;
  if (gained < 0) {
    cancels -= gained;
    gained = 0;
  }
  const weights = USER_SOURCE_WEIGHTS.map((w, i) => (i === 0 || rng.chance(0.7) ? w : 0));
  const gains = splitTotal(gained, weights, rng);
  const losses = splitTotal(cancels, weights, rng);
  const date = isoDate(day);
  return USER_SOURCES.flatMap((source, i) => {
    const newUser = at(gains, i, 0);
    const cancelUser = at(losses, i, 0);
    if (source !== 0 && newUser === 0 && cancelUser === 0) return [];
    return [{ ref_date: date, user_source: source, new_user: newUser, cancel_user: cancelUser }];
  });
}

function userCumulateRows(appid: string, day: number): JsonObject[] {
  return [{ ref_date: isoDate(day), user_source: 0, cumulate_user: followersOn(appid, day) }];
}

// ---------------------------------------------------------------------------------------------------------------
// Content: mass sends (群发, notified, publish_type 0) and plain publications (发布, publish_type 1).

interface Content {
  msgid: string;
  msgDataId: string;
  index: number;
  title: string;
  sendDay: number;
  publishType: 0 | 1;
  /** Share of the day's audience this item draws (first article of a send draws most). */
  pull: number;
  url: string;
  contentUrl: string;
}

const PLAIN_TITLES: readonly string[] = [
  'Spring menu preview',
  'Weekend deals',
  'Winter guide',
  'How we roast our coffee',
  'Five questions for our founder',
  'Store opening hours this holiday',
  'Members-only tasting night',
  '周末好去处：上海篇',
  '新品上市｜春季限定',
  '一文读懂：会员积分规则',
  '年度回顾：感谢有你',
  '活动预告 · 线下沙龙',
];

/** Titles a spreadsheet might parse as formulas, or that carry emoji, quotes, tabs and newlines. */
const TRICKY_TITLES: readonly string[] = [
  '=SUM(1,2) is not a formula',
  '=HYPERLINK("https://example.com","click me")',
  "=cmd|' /C calc'!A0",
  '+86 400 800 1234: hotline now open',
  '+1 for the new menu',
  '-50% flash sale this weekend',
  '-- members only --',
  '@all readers: our annual survey',
  '@WeChat team: thank you',
  '🎉 Year-end review 🎊',
  '春节快乐 🧧 Happy New Year',
  'Line one\nLine two of the title',
  '"Quoted", with commas, and \'apostrophes\'',
  'Tab\tseparated title',
  '  leading and trailing spaces  ',
];

function titleFor(appid: string, msgid: string): string {
  const rng = rngFor(appid, 'title', msgid);
  return rng.chance(0.3) ? rng.pick(TRICKY_TITLES) : rng.pick(PLAIN_TITLES);
}

function shortCode(appid: string, msgid: string): string {
  return Buffer.from(hash32(`${appid}/${msgid}`).toString(16).padStart(8, '0') + hash32(msgid).toString(36))
    .toString('base64url')
    .slice(0, 22);
}

function makeContent(appid: string, day: number, msgDataId: number, index: number, publishType: 0 | 1): Content {
  const profile = profileOf(appid);
  const msgid = `${msgDataId}_${index}`;
  const code = shortCode(appid, msgid);
  return {
    msgid,
    msgDataId: String(msgDataId),
    index,
    title: titleFor(appid, msgid),
    sendDay: day,
    publishType,
    pull: publishType === 0 ? 1 / index ** 0.9 : 0.15,
    url: `http://mp.weixin.qq.com/s?__biz=${profile.bizId}&mid=${msgDataId}&idx=${index}&sn=${code.slice(0, 16)}`,
    contentUrl: `https://mp.weixin.qq.com/s/${code}`,
  };
}

const contentCache = new Map<string, Content[]>();
const CONTENT_CACHE_LIMIT = 50_000;

/** Everything the account sent or published on `day`; some days have nothing. */
function contentsOn(appid: string, day: number): Content[] {
  const key = `${appid}\u0001${day}`;
  const cached = contentCache.get(key);
  if (cached) return cached;
  const profile = profileOf(appid);
  const rng = rngFor(appid, 'contents', day);
  const base = profile.msgIdBase + (day - EPOCH_DAY) * 3;
  const contents: Content[] = [];
  if (rng.chance(profile.massSendRate)) {
    const articles = rng.int(1, profile.maxArticles);
    for (let index = 1; index <= articles; index++) contents.push(makeContent(appid, day, base, index, 0));
  }
  if (rng.chance(profile.publishRate)) contents.push(makeContent(appid, day, base + 1, 1, 1));
  if (contentCache.size >= CONTENT_CACHE_LIMIT) contentCache.clear();
  contentCache.set(key, contents);
  return contents;
}

function massSentOn(appid: string, day: number): Content[] {
  return contentsOn(appid, day).filter((content) => content.publishType === 0);
}

/** Contents sent in the `days` days ending on `day` (inclusive), oldest first. */
function recentContents(appid: string, day: number, days: number, massOnly: boolean): Content[] {
  const found: Content[] = [];
  for (let sendDay = day - days + 1; sendDay <= day; sendDay++) {
    found.push(...(massOnly ? massSentOn(appid, sendDay) : contentsOn(appid, sendDay)));
  }
  return found;
}

/** Share of an article's readers who come on day `age` after sending. */
function readDecay(age: number): number {
  const early = [1, 0.32, 0.12, 0.06, 0.035, 0.022, 0.016];
  return early[age] ?? 0.012 * 0.88 ** (age - early.length);
}

function readersOf(appid: string, content: Content, day: number): UserCount {
  const age = day - content.sendDay;
  if (age < 0) return { users: 0, count: 0 };
  const rng = rngFor(appid, 'readers', content.msgid, day);
  const audience = followersOn(appid, content.sendDay) * profileOf(appid).openRate * content.pull;
  const users = Math.round(audience * readDecay(age) * rng.float(0.75, 1.25));
  return { users, count: Math.round(users * rng.float(1.1, 1.35)) };
}

// Classic article metrics (getarticlesummary / getarticletotal), daily increments.

const READ_SOURCES = ['session', 'hist_msg', 'feed', 'friends', 'other'] as const;
const FEED_SHARE_SOURCES = ['session', 'feed', 'other'] as const;

interface ArticleDay {
  read: UserCount;
  original: UserCount;
  share: UserCount;
  favourite: UserCount;
  bySource: UserCount[];
  feedShares: UserCount[];
}

function articleDay(appid: string, content: Content, day: number): ArticleDay {
  const read = readersOf(appid, content, day);
  const age = day - content.sendDay;
  const rng = rngFor(appid, 'articleday', content.msgid, day);
  const hasOriginal = rngFor(appid, 'original', content.msgid).chance(0.3);
  const originalUsers = hasOriginal ? Math.round(read.users * rng.float(0.005, 0.03)) : 0;
  const shareUsers = Math.round(read.users * rng.float(0.015, 0.05));
  const favUsers = Math.round(read.users * rng.float(0.004, 0.02));
  const sourceWeights = age === 0 ? [0.66, 0.04, 0.12, 0.13, 0.05] : [0.22, 0.1, 0.3, 0.28, 0.1];
  const share = { users: shareUsers, count: Math.round(shareUsers * rng.float(1, 1.3)) };
  return {
    read,
    original: { users: originalUsers, count: Math.round(originalUsers * rng.float(1, 1.2)) },
    share,
    favourite: { users: favUsers, count: favUsers + (favUsers > 3 ? rng.int(0, 2) : 0) },
    bySource: splitPair(read, sourceWeights, rng),
    feedShares: splitPair(
      { users: Math.round(shareUsers * 0.4), count: Math.round(share.count * 0.4) },
      [5, 2, 1],
      rng,
    ),
  };
}

function addUserCounts(a: UserCount, b: UserCount): UserCount {
  return { users: a.users + b.users, count: a.count + b.count };
}

function addArticleDays(a: ArticleDay, b: ArticleDay): ArticleDay {
  return {
    read: addUserCounts(a.read, b.read),
    original: addUserCounts(a.original, b.original),
    share: addUserCounts(a.share, b.share),
    favourite: addUserCounts(a.favourite, b.favourite),
    bySource: a.bySource.map((v, i) => addUserCounts(v, at(b.bySource, i, { users: 0, count: 0 }))),
    feedShares: a.feedShares.map((v, i) => addUserCounts(v, at(b.feedShares, i, { users: 0, count: 0 }))),
  };
}

function articleMetrics(stats: ArticleDay): JsonObject {
  return {
    int_page_read_user: stats.read.users,
    int_page_read_count: stats.read.count,
    ori_page_read_user: stats.original.users,
    ori_page_read_count: stats.original.count,
    share_user: stats.share.users,
    share_count: stats.share.count,
    add_to_fav_user: stats.favourite.users,
    add_to_fav_count: stats.favourite.count,
  };
}

function articleSummaryRows(appid: string, day: number): JsonObject[] {
  return recentContents(appid, day, 7, true).flatMap((content) => {
    const stats = articleDay(appid, content, day);
    // WeChat only reports articles whose readers + original readers + sharers + shares + favourites reach 3.
    const activity =
      stats.read.users + stats.original.users + stats.share.users + stats.share.count + stats.favourite.users;
    if (activity < 3) return [];
    return [
      { ref_date: isoDate(day), msgid: content.msgid, title: content.title, ...articleMetrics(stats), user_source: 0 },
    ];
  });
}

function articleTotalDetail(statDay: number, targetUser: number, cumulative: ArticleDay): JsonObject {
  const detail: JsonObject = { stat_date: isoDate(statDay), target_user: targetUser, ...articleMetrics(cumulative) };
  READ_SOURCES.forEach((source, i) => {
    const value = at(cumulative.bySource, i, { users: 0, count: 0 });
    detail[`int_page_from_${source}_read_user`] = value.users;
    detail[`int_page_from_${source}_read_count`] = value.count;
  });
  FEED_SHARE_SOURCES.forEach((source, i) => {
    const value = at(cumulative.feedShares, i, { users: 0, count: 0 });
    detail[`feed_share_from_${source}_user`] = value.users;
    detail[`feed_share_from_${source}_cnt`] = value.count;
  });
  return detail;
}

/** `details[]` holds cumulative values for up to 7 stat dates from the send date, never past `newestDay`. */
function articleTotalRows(appid: string, day: number, newestDay: number): JsonObject[] {
  const targetUser = Math.round(followersOn(appid, day) * 0.97);
  return massSentOn(appid, day).flatMap((content) => {
    const details: JsonObject[] = [];
    let cumulative: ArticleDay | null = null;
    for (let statDay = day; statDay <= Math.min(day + 6, newestDay); statDay++) {
      const today = articleDay(appid, content, statDay);
      cumulative = cumulative ? addArticleDays(cumulative, today) : today;
      details.push(articleTotalDetail(statDay, targetUser, cumulative));
    }
    if (details.length === 0) return [];
    return [
      {
        ref_date: isoDate(day),
        msgid: content.msgid,
        title: content.title,
        url: content.url,
        user_source: 0,
        details,
      },
    ];
  });
}

// getuserread / getuserreadhour: entry channels (§6.2) plus the 99999999 "all" row.

const READ_CHANNELS: readonly number[] = [0, 1, 2, 4, 5, 6, 7];
const READ_CHANNEL_WEIGHTS: readonly number[] = [0.45, 0.15, 0.15, 0.08, 0.05, 0.07, 0.05];
const ALL_CHANNELS = 99_999_999;

interface ReadRow {
  source: number;
  read: UserCount;
  original: UserCount;
  share: UserCount;
  favourite: UserCount;
}

const ZERO: UserCount = { users: 0, count: 0 };

function userReadDay(appid: string, day: number): ReadRow[] {
  const rng = rngFor(appid, 'userread', day);
  const articleReads = recentContents(appid, day, 7, true).reduce(
    (total, content) => addUserCounts(total, readersOf(appid, content, day)),
    ZERO,
  );
  const backgroundUsers = Math.round(followersOn(appid, day) * rng.float(0.002, 0.006));
  const allUsers = articleReads.users + backgroundUsers;
  const shareUsers = Math.round(allUsers * rng.float(0.015, 0.04));
  // A reader reached through two channels counts in both, so channel rows add up to more than the "all" row.
  const channelReads = splitPair(
    { users: Math.round(allUsers * rng.float(1.03, 1.15)), count: Math.round(allUsers * rng.float(1.2, 1.5)) },
    READ_CHANNEL_WEIGHTS,
    rng,
  );
  const channelShares = splitPair(
    { users: Math.round(shareUsers * 1.05), count: Math.round(shareUsers * rng.float(1.1, 1.3)) },
    READ_CHANNEL_WEIGHTS,
    rng,
  );
  const originalUsers = Math.round(allUsers * rng.float(0.002, 0.01));
  const favUsers = Math.round(allUsers * rng.float(0.003, 0.012));
  const all: ReadRow = {
    source: ALL_CHANNELS,
    read: { users: allUsers, count: sum(channelReads.map((c) => c.count)) },
    original: { users: originalUsers, count: Math.round(originalUsers * rng.float(1, 1.2)) },
    share: { users: shareUsers, count: sum(channelShares.map((c) => c.count)) },
    favourite: { users: favUsers, count: favUsers + rng.int(0, 3) },
  };
  const channels = READ_CHANNELS.map((source, i) => ({
    source,
    read: at(channelReads, i, ZERO),
    original: ZERO,
    share: at(channelShares, i, ZERO),
    favourite: ZERO,
  }));
  return [all, ...channels.filter((row) => row.read.users + row.share.users > 0)];
}

function readRowFields(row: ReadRow): JsonObject {
  return {
    user_source: row.source,
    int_page_read_user: row.read.users,
    int_page_read_count: row.read.count,
    ori_page_read_user: row.original.users,
    ori_page_read_count: row.original.count,
    share_user: row.share.users,
    share_count: row.share.count,
    add_to_fav_user: row.favourite.users,
    add_to_fav_count: row.favourite.count,
  };
}

function userReadRows(appid: string, day: number): JsonObject[] {
  return userReadDay(appid, day).map((row) => ({ ref_date: isoDate(day), ...readRowFields(row) }));
}

/** Hourly rows: article-page reads and shares only (original-page reads and favourites are daily-only). */
function userReadHourRows(appid: string, day: number): JsonObject[] {
  const rng = rngFor(appid, 'userreadhour', day);
  const rows = userReadDay(appid, day);
  const perHour = rows.map((row) => ({
    source: row.source,
    reads: splitPair(row.read, HOUR_WEIGHTS, rng),
    shares: splitPair(row.share, HOUR_WEIGHTS, rng),
  }));
  return HOURS.flatMap((hour) =>
    perHour.flatMap((row) => {
      const read = at(row.reads, hour, ZERO);
      const share = at(row.shares, hour, ZERO);
      if (row.source !== ALL_CHANNELS && read.users + share.users === 0) return [];
      const fields = readRowFields({ source: row.source, read, original: ZERO, share, favourite: ZERO });
      return [{ ref_date: isoDate(day), ref_hour: refHour(hour), ...fields, total_online_time: 0 }];
    }),
  );
}

// getusershare / getusersharehour: share scenes 1, 2, 255 and, on some days, the undocumented 5.

const SHARE_SCENES: readonly number[] = [1, 2, 255, 5];

function userShareDay(appid: string, day: number): UserCount[] {
  const rng = rngFor(appid, 'usershare', day);
  const all = at(userReadDay(appid, day), 0, {
    source: ALL_CHANNELS,
    read: ZERO,
    original: ZERO,
    share: ZERO,
    favourite: ZERO,
  });
  const weights = [0.6, 0.3, 0.07, rng.chance(0.3) ? 0.05 : 0];
  return splitPair(all.share, weights, rng);
}

function userShareRows(appid: string, day: number): JsonObject[] {
  return userShareDay(appid, day).flatMap((share, i) =>
    share.count > 0
      ? [
          {
            ref_date: isoDate(day),
            share_scene: at(SHARE_SCENES, i, 255),
            share_count: share.count,
            share_user: share.users,
            user_source: 0,
          },
        ]
      : [],
  );
}

function userShareHourRows(appid: string, day: number): JsonObject[] {
  const rng = rngFor(appid, 'usersharehour', day);
  const perScene = userShareDay(appid, day).map((share) => splitPair(share, HOUR_WEIGHTS, rng));
  return HOURS.flatMap((hour) =>
    perScene.flatMap((hours, i) => {
      const share = at(hours, hour, ZERO);
      if (share.count === 0) return [];
      const scene = at(SHARE_SCENES, i, 255);
      return [
        {
          ref_date: isoDate(day),
          ref_hour: refHour(hour),
          share_scene: scene,
          share_count: share.count,
          share_user: share.users,
        },
      ];
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Upstream messages (§5.9–5.13).

const MSG_TYPES: readonly number[] = [1, 2, 3, 4, 6];
const MSG_TYPE_WEIGHTS: readonly number[] = [0.7, 0.14, 0.08, 0.02, 0.06];

function upstreamDay(appid: string, day: number): UserCount[] {
  const rng = rngFor(appid, 'upstream', day);
  const weekdayFactor = isMonday(day) ? 1.2 : 1;
  const messages = Math.round(
    followersOn(appid, day) * profileOf(appid).messagesPerFollower * weekdayFactor * rng.float(0.6, 1.4),
  );
  return splitTotal(messages, MSG_TYPE_WEIGHTS, rng).map((count) => ({
    users: count === 0 ? 0 : Math.min(count, Math.max(1, Math.round(count / rng.float(1.2, 2.2)))),
    count,
  }));
}

function upstreamRow(date: string, msgType: number, value: UserCount): JsonObject {
  return { ref_date: date, msg_type: msgType, msg_user: value.users, msg_count: value.count, user_source: 0 };
}

function upstreamRows(appid: string, day: number): JsonObject[] {
  return upstreamDay(appid, day).flatMap((value, i) =>
    value.count > 0 ? [upstreamRow(isoDate(day), at(MSG_TYPES, i, 1), value)] : [],
  );
}

function upstreamHourRows(appid: string, day: number): JsonObject[] {
  const rng = rngFor(appid, 'upstreamhour', day);
  const perType = upstreamDay(appid, day).map((value) =>
    splitTotal(value.count, HOUR_WEIGHTS, rng).map((count) => ({
      users: count === 0 ? 0 : Math.min(count, Math.max(1, Math.round((count * value.users) / value.count))),
      count,
    })),
  );
  return HOURS.flatMap((hour) =>
    perType.flatMap((hours, i) => {
      const value = at(hours, hour, ZERO);
      if (value.count === 0) return [];
      const msgType = at(MSG_TYPES, i, 1);
      const row = { ref_date: isoDate(day), ref_hour: refHour(hour), msg_type: msgType, msg_user: value.users };
      return [{ ...row, msg_count: value.count, user_source: 0 }];
    }),
  );
}

/** Period totals: counts add up; senders overlap across days, so users grow less than linearly. */
function upstreamPeriod(appid: string, firstDay: number, lastDay: number): UserCount[] {
  const totals = MSG_TYPES.map(() => ({ users: 0, count: 0 }));
  for (let day = firstDay; day <= lastDay; day++) {
    upstreamDay(appid, day).forEach((value, i) => {
      const total = totals[i];
      if (total) {
        total.users += value.users;
        total.count += value.count;
      }
    });
  }
  return totals.map((t) => ({ users: t.count === 0 ? 0 : Math.max(1, Math.round(t.users * 0.65)), count: t.count }));
}

function upstreamPeriodRows(appid: string, firstDay: number, lastDay: number): JsonObject[] {
  return upstreamPeriod(appid, firstDay, lastDay).flatMap((value, i) =>
    value.count > 0 ? [upstreamRow(isoDate(firstDay), at(MSG_TYPES, i, 1), value)] : [],
  );
}

/** count_interval: 1 → 1–5 messages, 2 → 6–10, 3 → more than 10. */
const COUNT_INTERVALS: readonly number[] = [1, 2, 3];

function distRows(appid: string, firstDay: number, lastDay: number): JsonObject[] {
  const rng = rngFor(appid, 'dist', firstDay, lastDay);
  const senders = sum(upstreamPeriod(appid, firstDay, lastDay).map((v) => v.users));
  const weights = firstDay === lastDay ? [0.86, 0.1, 0.04] : [0.7, 0.2, 0.1];
  return splitTotal(Math.round(senders * 0.85), weights, rng).flatMap((users, i) =>
    users > 0
      ? [{ ref_date: isoDate(firstDay), count_interval: at(COUNT_INTERVALS, i, 1), msg_user: users, user_source: 0 }]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Interface analysis (§5.14).

interface CallbackDay {
  callbacks: number;
  fails: number;
  totalMs: number;
  maxMs: number;
}

function interfaceDay(appid: string, day: number): CallbackDay {
  const rng = rngFor(appid, 'interface', day);
  const profile = profileOf(appid);
  const callbacks = Math.round(followersOn(appid, day) * profile.callbacksPerFollower * rng.float(0.7, 1.3));
  if (callbacks === 0) return { callbacks: 0, fails: 0, totalMs: 0, maxMs: 0 };
  return {
    callbacks,
    fails: Math.round(callbacks * rng.float(0, 0.004)),
    totalMs: Math.round(callbacks * profile.callbackMs * rng.float(0.8, 1.2)),
    maxMs: Math.round(profile.callbackMs * rng.float(4, 12)),
  };
}

function interfaceRow(date: string, value: CallbackDay, hour: number | null): JsonObject {
  const row: JsonObject = { ref_date: date };
  if (hour !== null) row.ref_hour = refHour(hour);
  return {
    ...row,
    callback_count: value.callbacks,
    fail_count: value.fails,
    total_time_cost: value.totalMs,
    max_time_cost: value.maxMs,
  };
}

function interfaceRows(appid: string, day: number): JsonObject[] {
  return [interfaceRow(isoDate(day), interfaceDay(appid, day), null)];
}

function interfaceHourRows(appid: string, day: number): JsonObject[] {
  const rng = rngFor(appid, 'interfacehour', day);
  const daily = interfaceDay(appid, day);
  const callbacks = splitTotal(daily.callbacks, HOUR_WEIGHTS, rng);
  const fails = splitTotal(daily.fails, HOUR_WEIGHTS, rng);
  const costs = splitTotal(daily.totalMs, callbacks, rng, 0.1);
  const busiestHour = callbacks.indexOf(Math.max(...callbacks));
  return HOURS.map((hour) => {
    const count = at(callbacks, hour, 0);
    // The day's slowest reply happened in some hour: put it in the busiest one.
    const hourMax = hour === busiestHour ? daily.maxMs : Math.round(daily.maxMs * rng.float(0.3, 1));
    const maxMs = count === 0 ? 0 : hourMax;
    const value = { callbacks: count, fails: Math.min(count, at(fails, hour, 0)), totalMs: at(costs, hour, 0), maxMs };
    return interfaceRow(isoDate(day), value, hour);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Published content (§5.15): getarticleread, getarticleshare, getbizsummary, getarticletotaldetail.

const SCENE_ALL = '全部';
const SCENES: readonly string[] = ['公众号消息', '聊天会话', '朋友圈', '公众号主页', '其他', '推荐', '搜一搜'];

interface PublishedDay {
  read: number;
  bySource: number[];
  share: number;
  zaikan: number;
  like: number;
  comments: number;
  collection: number;
  praiseMoney: number;
  subscribed: number;
  originalPage: number;
}

function publishedDay(appid: string, content: Content, day: number): PublishedDay {
  const read = readersOf(appid, content, day).users;
  const rng = rngFor(appid, 'published', content.msgid, day);
  const age = day - content.sendDay;
  const notified = content.publishType === 0;
  const sceneWeights = [notified ? (age === 0 ? 6 : 1.5) : 0, 1.4, 1.2, 0.4, 0.2, age === 0 ? 0.6 : 1.4, 0.3];
  return {
    read,
    bySource: splitTotal(read, sceneWeights, rng),
    share: Math.round(read * rng.float(0.015, 0.05)),
    zaikan: Math.round(read * rng.float(0.003, 0.015)),
    like: Math.round(read * rng.float(0.008, 0.03)),
    comments: Math.round(read * rng.float(0, 0.004)),
    collection: Math.round(read * rng.float(0.003, 0.012)),
    praiseMoney: rng.chance(0.05) ? rng.int(1, 40) * 100 : 0,
    subscribed: Math.round(read * rng.float(0, 0.004)),
    originalPage: Math.round(read * rng.float(0, 0.005)),
  };
}

function addPublishedDays(a: PublishedDay, b: PublishedDay): PublishedDay {
  return {
    read: a.read + b.read,
    bySource: a.bySource.map((v, i) => v + at(b.bySource, i, 0)),
    share: a.share + b.share,
    zaikan: a.zaikan + b.zaikan,
    like: a.like + b.like,
    comments: a.comments + b.comments,
    collection: a.collection + b.collection,
    praiseMoney: a.praiseMoney + b.praiseMoney,
    subscribed: a.subscribed + b.subscribed,
    originalPage: a.originalPage + b.originalPage,
  };
}

function readUserSource(total: number, bySource: readonly number[]): JsonObject[] {
  const scenes = SCENES.flatMap((scene, i) => {
    const count = at(bySource, i, 0);
    return count > 0 ? [{ scene_desc: scene, user_count: count }] : [];
  });
  return [{ scene_desc: SCENE_ALL, user_count: total }, ...scenes];
}

const PUBLISHED_WINDOW_DAYS = 30;

function articleReadRows(appid: string, day: number): JsonObject[] {
  return recentContents(appid, day, PUBLISHED_WINDOW_DAYS, false).flatMap((content) => {
    const stats = publishedDay(appid, content, day);
    if (stats.read === 0) return [];
    return [
      {
        ref_date: isoDate(day),
        msgid: content.msgid,
        detail: { read_user: stats.read, read_user_source: readUserSource(stats.read, stats.bySource) },
      },
    ];
  });
}

function articleShareRows(appid: string, day: number): JsonObject[] {
  return recentContents(appid, day, PUBLISHED_WINDOW_DAYS, false).flatMap((content) => {
    const share = publishedDay(appid, content, day).share;
    return share > 0 ? [{ ref_date: isoDate(day), msgid: content.msgid, detail: { share_user: share } }] : [];
  });
}

function bizSummaryRows(appid: string, day: number): JsonObject[] {
  const contents = recentContents(appid, day, PUBLISHED_WINDOW_DAYS, false);
  const empty: PublishedDay = {
    read: 0,
    bySource: SCENES.map(() => 0),
    share: 0,
    zaikan: 0,
    like: 0,
    comments: 0,
    collection: 0,
    praiseMoney: 0,
    subscribed: 0,
    originalPage: 0,
  };
  const total = contents.reduce((acc, content) => addPublishedDays(acc, publishedDay(appid, content, day)), empty);
  // Account-level readers are de-duplicated across contents, so they come out below the per-content sum.
  const readers = Math.round(total.read * 0.92);
  return [
    {
      ref_date: isoDate(day),
      detail: {
        read_user: readers,
        read_user_source: readUserSource(readers, total.bySource),
        share_user: total.share,
        zaikan_user: total.zaikan,
        like_user: total.like,
        comment_count: total.comments,
        collection_user: total.collection,
        redirect_ori_page_user: total.originalPage,
        send_page_count: contentsOn(appid, day).length,
      },
    },
  ];
}

function jumpPositions(appid: string, msgid: string, statDay: number): JsonObject[] {
  const rng = rngFor(appid, 'jump', msgid, statDay);
  const raw = [rng.float(0.25, 0.45), rng.float(0.12, 0.22), rng.float(0.08, 0.15), rng.float(0.05, 0.1), 0];
  raw[4] = Math.max(0, 1 - sum(raw));
  return raw.map((rate, i) => ({ position: i + 1, rate: round4(rate) }));
}

function totalDetailEntry(appid: string, content: Content, statDay: number, cumulative: PublishedDay): JsonObject {
  const rng = rngFor(appid, 'totaldetail', content.msgid, statDay);
  const target = Math.max(1, followersOn(appid, content.sendDay));
  const fromMessages = at(cumulative.bySource, 0, 0);
  return {
    stat_date: isoDate(statDay),
    read_user: cumulative.read,
    read_user_source: readUserSource(cumulative.read, cumulative.bySource),
    share_user: cumulative.share,
    zaikan_user: cumulative.zaikan,
    like_user: cumulative.like,
    comment_count: cumulative.comments,
    collection_user: cumulative.collection,
    praise_money: cumulative.praiseMoney,
    read_subscribe_user: cumulative.subscribed,
    read_delivery_rate: content.publishType === 0 ? round4(fromMessages / target) : 0,
    read_finish_rate: round4(rngFor(appid, 'finish', content.msgid).float(0.2, 0.7) * rng.float(0.95, 1.05)),
    read_avg_activetime: Math.round(rngFor(appid, 'active', content.msgid).float(0.6, 4.5) * 100) / 100,
    read_jump_position: jumpPositions(appid, content.msgid, statDay),
  };
}

/** `detail_list[]` holds cumulative values for up to 30 stat dates from publishing, never past `newestDay`. */
function articleTotalDetailRows(appid: string, day: number, newestDay: number): JsonObject[] {
  return contentsOn(appid, day).flatMap((content) => {
    const detailList: JsonObject[] = [];
    let cumulative: PublishedDay | null = null;
    for (let statDay = day; statDay <= Math.min(day + PUBLISHED_WINDOW_DAYS - 1, newestDay); statDay++) {
      const today = publishedDay(appid, content, statDay);
      cumulative = cumulative ? addPublishedDays(cumulative, today) : today;
      detailList.push(totalDetailEntry(appid, content, statDay, cumulative));
    }
    if (detailList.length === 0) return [];
    return [
      {
        ref_date: isoDate(day),
        msgid: content.msgid,
        publish_type: content.publishType,
        title: content.title,
        content_url: content.contentUrl,
        detail_list: detailList,
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point.

export interface DataRequest {
  appid: string;
  endpoint: string;
  beginDate: string;
  endDate: string;
  /** Newest day whose data is complete (yesterday, or the day before until 08:00 Beijing). */
  newestDate: string;
}

export interface DataResponse {
  list: JsonObject[];
  /** Only for the published-content endpoints. */
  isDelay: boolean | null;
}

type DailyGenerator = (appid: string, day: number, newestDay: number) => JsonObject[];

const DAILY_GENERATORS: ReadonlyMap<string, DailyGenerator> = new Map<string, DailyGenerator>([
  ['getusersummary', userSummaryRows],
  ['getusercumulate', userCumulateRows],
  ['getarticlesummary', articleSummaryRows],
  ['getarticletotal', articleTotalRows],
  ['getuserread', userReadRows],
  ['getuserreadhour', userReadHourRows],
  ['getusershare', userShareRows],
  ['getusersharehour', userShareHourRows],
  ['getupstreammsg', upstreamRows],
  ['getupstreammsghour', upstreamHourRows],
  ['getupstreammsgdist', (appid, day) => distRows(appid, day, day)],
  ['getinterfacesummary', interfaceRows],
  ['getinterfacesummaryhour', interfaceHourRows],
  ['getarticleread', articleReadRows],
  ['getarticleshare', articleShareRows],
  ['getbizsummary', bizSummaryRows],
  ['getarticletotaldetail', articleTotalDetailRows],
]);

type PeriodGenerator = (appid: string, firstDay: number, lastDay: number) => JsonObject[];

const PERIOD_GENERATORS: ReadonlyMap<string, PeriodGenerator> = new Map<string, PeriodGenerator>([
  ['getupstreammsgweek', upstreamPeriodRows],
  ['getupstreammsgmonth', upstreamPeriodRows],
  ['getupstreammsgdistweek', distRows],
  ['getupstreammsgdistmonth', distRows],
]);

/** Last day of the week/month stamped on `day`, or null when `day` is not a period start. */
function periodEnd(granularity: Granularity, day: number): number | null {
  if (granularity === 'week') return isMonday(day) ? day + 6 : null;
  if (granularity === 'month') return isFirstOfMonth(day) ? lastDayOfMonth(day) : null;
  return null;
}

/**
 * The `list` WeChat would return for a request that already passed validation. Days before the endpoint's
 * earliest date and days after `newestDate` contribute nothing; weekly/monthly rows appear for each period whose
 * start (Monday / the 1st) lies in the range and that has closed by `newestDate`.
 */
export function generateData(request: DataRequest): DataResponse {
  const spec = endpointSpec(request.endpoint);
  if (!spec) throw new Error(`unknown endpoint ${request.endpoint}`);
  const newestDay = dayNumber(request.newestDate);
  const firstDay = Math.max(dayNumber(request.beginDate), dayNumber(spec.earliestDate));
  const lastDay = Math.min(dayNumber(request.endDate), newestDay);
  const list: JsonObject[] = [];
  const daily = DAILY_GENERATORS.get(spec.name);
  const period = PERIOD_GENERATORS.get(spec.name);
  for (let day = firstDay; day <= lastDay; day++) {
    if (daily) list.push(...daily(request.appid, day, newestDay));
    const end = periodEnd(spec.granularity, day);
    if (period && end !== null && end <= newestDay) list.push(...period(request.appid, day, end));
  }
  // Published-content numbers keep changing for a couple of days; WeChat flags them as possibly delayed.
  const isDelay = spec.published ? dayNumber(request.endDate) >= newestDay - 1 : null;
  return { list, isDelay };
}

// ---------------------------------------------------------------------------------------------------------------
// The `unknownFields` fault: extra keys WeChat may add some day, and codes missing from the documented tables.

const UNKNOWN_CODE_ROWS: ReadonlyMap<string, readonly [string, number]> = new Map<string, readonly [string, number]>([
  ['getusersummary', ['user_source', 176]],
  ['getuserread', ['user_source', 3]],
  ['getuserreadhour', ['user_source', 3]],
  ['getusershare', ['share_scene', 77]],
  ['getusersharehour', ['share_scene', 77]],
  ['getupstreammsg', ['msg_type', 10]],
  ['getupstreammsghour', ['msg_type', 10]],
  ['getupstreammsgweek', ['msg_type', 10]],
  ['getupstreammsgmonth', ['msg_type', 10]],
  ['getupstreammsgdist', ['count_interval', 4]],
  ['getupstreammsgdistweek', ['count_interval', 4]],
  ['getupstreammsgdistmonth', ['count_interval', 4]],
]);

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withUnknownKeys(item: JsonObject): JsonObject {
  const copy: JsonObject = { ...item, unknown_metric_x: 7, unknown_flags: { beta: true } };
  for (const [key, value] of Object.entries(item)) {
    if (isJsonObject(value)) copy[key] = withUnknownKeys(value);
    if (Array.isArray(value)) copy[key] = value.map((v) => (isJsonObject(v) ? withUnknownKeys(v) : v));
  }
  const sources = copy.read_user_source;
  if (Array.isArray(sources)) copy.read_user_source = [...sources, { scene_desc: '看一看', user_count: 1 }];
  return copy;
}

/** Adds unknown keys at every level and, for dimension endpoints, one extra row per day with an unknown code. */
export function addUnknownFields(endpoint: string, list: readonly JsonObject[]): JsonObject[] {
  const result = list.map(withUnknownKeys);
  const codeRow = UNKNOWN_CODE_ROWS.get(endpoint);
  if (!codeRow) return result;
  const [key, code] = codeRow;
  const seenSlots = new Set<string>();
  for (const item of list) {
    const slot = `${String(item.ref_date)}/${String(item.ref_hour ?? '')}`;
    if (seenSlots.has(slot)) continue;
    seenSlots.add(slot);
    result.push(withUnknownKeys({ ...item, [key]: code }));
  }
  return result;
}
