import type { Language } from '../../../shared/i18n/languages';

/** The weekly summary mail's words, in each language the desktop speaks. */
export type SummaryWords = {
  subject: (from: string, to: string) => string;
  heading: (account: string) => string;
  period: (from: string, to: string, timeZone: string, previousFrom: string, previousTo: string) => string;
  columns: { figure: string; current: string; previous: string; change: string };
  /** One figure as a line of the plain-text part. */
  line: (label: string, current: string, previous: string, change: string) => string;
  conversations: string;
  firstResponseMedian: string;
  firstResponseP90: string;
  resolutionMedian: string;
  abandoned: string;
  leftMessages: string;
  csatAverage: string;
  csatAnswers: string;
  csatSatisfied: string;
  botResolution: string;
  botHandoff: string;
  topTags: string;
  noTags: string;
  duration: (hours: number, minutes: number, seconds: number) => string;
  points: (signed: string) => string;
  footer: string;
};

const en: SummaryWords = {
  subject: (from, to) => `Weekly service summary ${from} – ${to}`,
  heading: (account) => `Weekly service summary: ${account}`,
  period: (from, to, tz, pFrom, pTo) => `Week ${from} – ${to} (${tz}), compared with ${pFrom} – ${pTo}.`,
  columns: { figure: 'Figure', current: 'This week', previous: 'Previous week', change: 'Change' },
  line: (label, current, previous, change) => `${label}: ${current} (previous week ${previous}, change ${change})`,
  conversations: 'Conversations',
  firstResponseMedian: 'First response, median',
  firstResponseP90: 'First response, 90th percentile',
  resolutionMedian: 'Resolution time, median',
  abandoned: 'Abandoned in the queue',
  leftMessages: 'Messages left while nobody was available',
  csatAverage: 'Satisfaction (CSAT), average',
  csatAnswers: 'Satisfaction answers',
  csatSatisfied: 'Satisfied (4–5 stars)',
  botResolution: 'Resolved by the bot',
  botHandoff: 'Handed over by the bot',
  topTags: 'Top conversation tags',
  noTags: 'No conversation tags this week.',
  duration: (h, m, s) => (h > 0 ? `${h} h ${m} min` : m > 0 ? (s > 0 ? `${m} min ${s} s` : `${m} min`) : `${s} s`),
  points: (signed) => `${signed} pts`,
  footer: 'Sent by Switchboard to the supervisors and admins. An admin can change the day and hour, or turn this mail off, under Admin → Weekly report.',
};

const zhCN: SummaryWords = {
  subject: (from, to) => `每周服务报告 ${from} – ${to}`,
  heading: (account) => `每周服务报告：${account}`,
  period: (from, to, tz, pFrom, pTo) => `统计周期 ${from} – ${to}（${tz}），对比上周 ${pFrom} – ${pTo}。`,
  columns: { figure: '指标', current: '本周', previous: '上周', change: '变化' },
  line: (label, current, previous, change) => `${label}：${current}（上周 ${previous}，变化 ${change}）`,
  conversations: '会话数',
  firstResponseMedian: '首次响应时间（中位数）',
  firstResponseP90: '首次响应时间（P90）',
  resolutionMedian: '解决时间（中位数）',
  abandoned: '排队放弃率',
  leftMessages: '无人在线时的留言',
  csatAverage: '满意度（CSAT）平均分',
  csatAnswers: '满意度评价数',
  csatSatisfied: '满意（4–5 星）占比',
  botResolution: '机器人解决率',
  botHandoff: '机器人转人工率',
  topTags: '会话标签排行',
  noTags: '本周没有会话标签。',
  duration: (h, m, s) => (h > 0 ? `${h} 小时 ${m} 分` : m > 0 ? (s > 0 ? `${m} 分 ${s} 秒` : `${m} 分`) : `${s} 秒`),
  points: (signed) => `${signed} 个百分点`,
  footer: '本邮件由 Switchboard 发送给主管和管理员。管理员可在“管理 → 每周报告”中修改发送时间或关闭此邮件。',
};

export const summaryWords: Record<Language, SummaryWords> = { en, 'zh-CN': zhCN };
