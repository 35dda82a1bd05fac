import { beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translate';
import { addNotice, dismissNotice, MAX_NOTICES, nextExpiry, pruneNotices, type NoticeData } from './notice-logic';
import { useNoticeStore } from './notice-store';
import { meaningfulReason } from '../../../../shared/i18n/feed-text';
import { describeNotice } from './notice-text';

const en = translator('en');
const zh = translator('zh-CN');

const mention = (messageId: string): NoticeData => ({
  kind: 'mention',
  conversationId: 'c1',
  messageId,
  byName: '李雷',
  excerpt: '@王芳 can you check the refund?',
});
const taken: NoticeData = { kind: 'taken', conversationId: 'c2', byName: '陈琳', reason: 'VIP escalation', contactName: 'Zhang Wei' };
const alert = (words: string[]): Extract<NoticeData, { kind: 'sensitive' }> => ({
  kind: 'sensitive',
  conversationId: 'c3',
  contactName: 'Zhang Wei',
  words,
  senderType: 'contact',
  senderName: 'Zhang Wei',
});

describe('what a notice says', () => {
  it('a mention names who and quotes the note', () => {
    expect(describeNotice(en, mention('m1'))).toBe('李雷 mentioned you: @王芳 can you check the refund?');
    expect(describeNotice(zh, mention('m1'))).toBe('李雷 提到了您：@王芳 can you check the refund?');
  });

  it('a takeover names who, the customer and the reason, and says when the unsent reply was kept', () => {
    expect(describeNotice(en, taken, true)).toBe(
      '陈琳 took over the conversation with Zhang Wei: “VIP escalation”. Your unsent reply is kept as a draft.',
    );
    expect(describeNotice(en, taken, false)).toBe('陈琳 took over the conversation with Zhang Wei: “VIP escalation”.');
    expect(describeNotice(zh, taken, true)).toBe('陈琳 接管了与Zhang Wei的会话：“VIP escalation”。您未发送的回复已保留为草稿。');
  });

  it('a takeover without a reason of its own, or whose customer is unknown, still reads as a sentence', () => {
    const plain = { ...taken, reason: 'taken over by 陈琳' };
    expect(describeNotice(en, plain)).toBe('陈琳 took over the conversation with Zhang Wei.');
    expect(describeNotice(en, { ...plain, contactName: null })).toBe('陈琳 took over one of your conversations.');
    expect(describeNotice(en, { ...taken, contactName: null })).toBe('陈琳 took over one of your conversations: “VIP escalation”.');
    expect(meaningfulReason('  ', '陈琳')).toBeNull();
  });

  it('a sensitive-word alert names the customer and the words; an agent’s reply names the agent', () => {
    expect(describeNotice(en, alert(['微信', 'refund scam']))).toBe('Sensitive words in Zhang Wei’s conversation: 微信, refund scam');
    expect(describeNotice(zh, alert(['微信', '加我']))).toBe('Zhang Wei的会话中出现敏感词：微信、加我');
    const byAgent: NoticeData = { ...alert(['微信']), senderType: 'agent', senderName: '王芳' };
    expect(describeNotice(en, byAgent)).toBe('Sensitive words in a reply by 王芳 to Zhang Wei: 微信');
  });
});

describe('the notice stack', () => {
  it('puts the newest on top; a mention goes away after a while, a takeover stays until dismissed', () => {
    let list = addNotice([], taken, 'n1', 1000);
    list = addNotice(list, mention('m1'), 'n2', 2000);
    expect(list.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(nextExpiry(list)).toBe(22_000);
    expect(pruneNotices(list, 21_999)).toBe(list);
    const later = pruneNotices(list, 22_000);
    expect(later.map((n) => n.data.kind)).toEqual(['taken']);
    expect(pruneNotices(later, 10_000_000)).toBe(later);
    expect(nextExpiry(later)).toBeNull();
    expect(dismissNotice(later, 'n1')).toEqual([]);
  });

  it('a second alert for the same conversation adds its words to the one shown and starts its time again', () => {
    let list = addNotice([], alert(['微信']), 'n1', 0);
    list = addNotice(list, alert(['微信', '加我']), 'n2', 10_000);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'n1', expiresAt: 40_000 });
    expect(describeNotice(en, list[0]!.data)).toBe('Sensitive words in Zhang Wei’s conversation: 微信, 加我');
  });

  it('keeps at most a few, dropping the oldest that would expire anyway before a takeover', () => {
    let list = addNotice([], taken, 't', 0);
    for (let i = 0; i < MAX_NOTICES + 2; i++) list = addNotice(list, mention(`m${i}`), `n${i}`, i);
    expect(list).toHaveLength(MAX_NOTICES);
    expect(list.map((n) => n.id)).toContain('t');
    expect(list[0]?.id).toBe(`n${MAX_NOTICES + 1}`);
  });
});

describe('the notice store', () => {
  beforeEach(() => useNoticeStore.getState().reset());

  it('pushes, dismisses and lets expired notices go', () => {
    const store = useNoticeStore.getState();
    store.push(mention('m1'), 0);
    store.push(taken, 0);
    const [top, bottom] = useNoticeStore.getState().notices;
    expect([top?.data.kind, bottom?.data.kind]).toEqual(['taken', 'mention']);
    useNoticeStore.getState().prune(60_000);
    expect(useNoticeStore.getState().notices.map((n) => n.data.kind)).toEqual(['taken']);
    useNoticeStore.getState().dismiss(top!.id);
    expect(useNoticeStore.getState().notices).toEqual([]);
  });
});
