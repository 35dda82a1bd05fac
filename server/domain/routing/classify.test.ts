import { describe, expect, it } from 'vitest';
import { asksForHuman, closedNotice, containsKeyword, groupByKeywords, handoffNotice, scriptOf, summarize, SUMMARY_LENGTH } from './classify';
import { isOpenAt, parseBusinessHours } from './business-hours';
import { channelRouting, chooseEntry, chooseGroup } from './entry';
import type { GroupInfo } from './routing-repository';

const groups: GroupInfo[] = [
  { id: 'pre', name: '售前', maxChatsPerAgent: null, hours: null, overflowAfterSeconds: 60, overflowTarget: 'any', keywords: ['价格', '优惠', '尺码', 'price', 'size'] },
  { id: 'after', name: '售后', maxChatsPerAgent: null, hours: null, overflowAfterSeconds: 60, overflowTarget: 'any', keywords: ['退款', '退货', '物流', '发票', 'refund', 'return', 'delivery'] },
];

describe('keywords', () => {
  it('match Latin keywords as whole words, case-insensitively, and CJK anywhere', () => {
    expect(containsKeyword('I want a REFUND please', 'refund')).toBe(true);
    expect(containsKeyword('returning customer here', 'return')).toBe(false);
    expect(containsKeyword('我想申请退款可以吗', '退款')).toBe(true);
    expect(containsKeyword('anything', '  ')).toBe(false);
  });

  it('pick the first group with a keyword in the message, or none', () => {
    expect(groupByKeywords('这个尺码有货吗', groups)).toBe('pre');
    expect(groupByKeywords('Where is my delivery?', groups)).toBe('after');
    expect(groupByKeywords('hello there', groups)).toBeNull();
  });

  it('recognise a request for a person in Chinese and English, as a whole word', () => {
    for (const text of ['转人工', '人工客服', '我要人工', 'Agent please', 'talk to a HUMAN']) expect(asksForHuman(text)).toBe(true);
    for (const text of ['agents of change? no: agentless', 'humanity', '你好']) expect(asksForHuman(text)).toBe(false);
  });
});

describe('handoff summary', () => {
  it('leads with the first question, on one line, without the handoff request', () => {
    expect(summarize(['你好', '订单号 SO-10002', '什么时候发货？', '转人工'])).toBe('什么时候发货？ / 订单号 SO-10002');
    expect(summarize(['human'])).toBeNull();
  });

  it('is trimmed to one short line', () => {
    const long = summarize(['x'.repeat(500)])!;
    expect(long.length).toBe(SUMMARY_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('notices and script', () => {
  it('answer in the script the customer wrote in', () => {
    expect(scriptOf('你好 hello')).toBe('zh');
    expect(scriptOf('hello')).toBe('en');
    expect(handoffNotice('zh')).toContain('人工客服');
    expect(handoffNotice('en')).toContain('person');
    expect(closedNotice('zh', '售后')).toContain('留言已保存');
    expect(closedNotice('en', null)).toContain('Your message is kept');
  });
});

describe('business hours', () => {
  const hours = parseBusinessHours({ timezone: 'Asia/Shanghai', days: { mon: [['09:00', '18:00']] } });
  // 2025-01-06 is a Monday; Shanghai is UTC+8.
  it('open inside an interval of the local weekday, closed outside it and on missing days', () => {
    expect(isOpenAt(hours, Date.parse('2025-01-06T02:00:00Z'))).toBe(true); // 10:00 Mon
    expect(isOpenAt(hours, Date.parse('2025-01-06T10:30:00Z'))).toBe(false); // 18:30 Mon
    expect(isOpenAt(hours, Date.parse('2025-01-05T02:00:00Z'))).toBe(false); // 10:00 Sun
    expect(isOpenAt(hours, Date.parse('2025-01-05T23:30:00Z'))).toBe(false); // 07:30 Mon
  });

  it('treats null, unreadable hours or an unknown time zone as always open', () => {
    expect(isOpenAt(null, 0)).toBe(true);
    expect(parseBusinessHours({ days: 'nope' })).toBeNull();
    expect(isOpenAt(parseBusinessHours({ timezone: 'Mars/Olympus', days: {} }), 0)).toBe(true);
  });
});

describe('where a new conversation starts', () => {
  it('uses the menu choice, then the channel default, then keywords, then the whole team', () => {
    expect(chooseGroup('pre', { defaultGroupId: 'after', bot: false }, 'refund', groups)).toBe('pre');
    expect(chooseGroup(null, { defaultGroupId: 'after', bot: false }, 'price', groups)).toBe('after');
    expect(chooseGroup('nope', { defaultGroupId: null, bot: false }, 'price?', groups)).toBe('pre');
    expect(chooseGroup(null, { defaultGroupId: null, bot: false }, 'hi', groups)).toBeNull();
  });

  it('starts with the bot when the channel has it on, pending outside business hours, queued otherwise', () => {
    const closed: GroupInfo[] = [{ ...groups[1]!, hours: { timezone: 'UTC', days: {} } }];
    expect(chooseEntry(null, channelRouting({ bot: true }), 'refund', closed, 0)).toMatchObject({ routingState: 'bot', groupId: 'after' });
    expect(chooseEntry(null, channelRouting({}), '我要退款', closed, 0)).toMatchObject({ routingState: 'pending', lang: 'zh' });
    expect(chooseEntry(null, channelRouting({}), '我要退款', closed, 0).notice).toContain('售后');
    expect(chooseEntry(null, channelRouting({}), 'hello', closed, 0)).toEqual({ groupId: null, routingState: 'queued', notice: null, lang: 'en' });
    expect(channelRouting({ defaultGroupId: 'g', bot: 'yes' })).toEqual({ defaultGroupId: 'g', bot: false });
  });
});
