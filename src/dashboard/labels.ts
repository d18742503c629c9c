/** The words on a dashboard sheet, in English and 简体中文. */
import type { Language } from '../datasets/types';

export interface DashboardLabels {
  title: (account: string) => string;
  period: (start: string, end: string, days: number) => string;
  updated: (at: string) => string;
  followersNow: string;
  netGrowth: string;
  versusPrevious: string;
  newFollowers: string;
  cancelled: string;
  readers: string;
  sharers: string;
  messages: string;
  onDate: (date: string) => string;
  previousNet: (net: number, days: number) => string;
  coverage: (withData: number, days: number) => string;
  noComparison: string;
  readersNote: string;
  followerTrend: string;
  newVsCancelled: string;
  acquisition: string;
  topArticles: string;
  messagesByDay: string;
  messagesByHour: string;
  daily: string;
  date: string;
  net: string;
  rank: string;
  articleTitle: string;
  published: string;
  readThrough: string;
  source: string;
  hour: string;
  publishedSource: string;
  classicSource: string;
  articlesFrom: (sources: string) => string;
  noArticles: string;
}

const EN: DashboardLabels = {
  title: (account) => `WeChat dashboard · ${account}`,
  period: (start, end, days) => `${start} → ${end} (${days} days, Beijing dates)`,
  updated: (at) => `Updated ${at} from the sheets of its DataSets (no extra WeChat calls).`,
  followersNow: 'Followers now',
  netGrowth: 'Net growth',
  versusPrevious: 'vs previous period',
  newFollowers: 'New followers',
  cancelled: 'Unfollows',
  readers: 'Article readers',
  sharers: 'Article sharers',
  messages: 'Messages received',
  onDate: (date) => `on ${date}`,
  previousNet: (net, days) => `previous ${days} days: ${net}`,
  coverage: (withData, days) => `data for ${withData} of ${days} days`,
  noComparison: 'no comparison (previous period has no growth data)',
  readersNote: 'daily readers, summed',
  followerTrend: 'Followers',
  newVsCancelled: 'New vs unfollows per day',
  acquisition: 'New followers by source',
  topArticles: 'Top 10 articles by readers',
  messagesByDay: 'Messages received per day',
  messagesByHour: 'Messages by hour of day',
  daily: 'Daily figures',
  date: 'Date',
  net: 'Net growth',
  rank: '#',
  articleTitle: 'Title',
  published: 'Published',
  readThrough: 'Read-through',
  source: 'Source',
  hour: 'Hour',
  publishedSource: 'Published-content reports',
  classicSource: 'Article reports (deprecated)',
  articlesFrom: (sources) => `Articles published in the period, readers to date. From: ${sources}.`,
  noArticles: 'No article was published in this period.',
};

const ZH: DashboardLabels = {
  title: (account) => `微信数据看板 · ${account}`,
  period: (start, end, days) => `${start} → ${end}（${days} 天，北京时间日期）`,
  updated: (at) => `更新于 ${at}，数据来自各数据集的工作表（不额外调用微信接口）。`,
  followersNow: '当前关注人数',
  netGrowth: '净增关注',
  versusPrevious: '较上一周期',
  newFollowers: '新增关注',
  cancelled: '取消关注',
  readers: '文章阅读人数',
  sharers: '文章分享人数',
  messages: '收到消息数',
  onDate: (date) => `${date} 数据`,
  previousNet: (net, days) => `上一 ${days} 天：${net}`,
  coverage: (withData, days) => `${days} 天中有 ${withData} 天有数据`,
  noComparison: '无法比较（上一周期无增长数据）',
  readersNote: '每日阅读人数之和',
  followerTrend: '关注人数',
  newVsCancelled: '每日新增与取消关注',
  acquisition: '新增关注来源',
  topArticles: '阅读人数前 10 的文章',
  messagesByDay: '每日收到消息数',
  messagesByHour: '各时段消息数',
  daily: '每日数据',
  date: '日期',
  net: '净增',
  rank: '排名',
  articleTitle: '标题',
  published: '发表日期',
  readThrough: '完读率',
  source: '数据来源',
  hour: '时段',
  publishedSource: '发表内容报表',
  classicSource: '图文报表（已停止维护）',
  articlesFrom: (sources) => `本周期发表的文章，截至目前的阅读人数。来源：${sources}。`,
  noArticles: '本周期没有发表文章。',
};

export function dashboardLabels(language: Language): DashboardLabels {
  return language === 'zh' ? ZH : EN;
}
