import { describe, expect, it } from 'vitest';
import { notificationText } from './notification-text';

describe('notification text', () => {
  it('shows a conversation notification as the customer wrote it', () => {
    const text = notificationText({ kind: 'message', conversationId: 'c1', title: '李女士', body: '到哪了？', silent: false }, 'en');
    expect(text).toEqual({ title: '李女士', body: '到哪了？' });
  });

  it('says what happened to a ticket\'s SLA in the user\'s language, with its subject as the title', () => {
    const notice = { kind: 'ticket' as const, ticketId: 't1', number: 12, title: 'Blender repair', silent: true, sla: { kind: 'breach' as const, target: 'resolution' as const, dueAt: '2026-12-07T09:30:00.000Z' } };
    const en = notificationText(notice, 'en');
    expect(en.title).toBe('Blender repair');
    expect(en.body).toMatch(/^Ticket #12 missed its resolution target \(.*2026.*\)$/);
    const zh = notificationText({ ...notice, sla: { ...notice.sla, kind: 'warning', target: 'first_response' } }, 'zh-CN');
    expect(zh.body).toContain('#12');
    expect(zh.body).not.toContain('Ticket');
  });

  it('says a notification centre entry in a sentence, headed by its kind, in the user\'s language', () => {
    const event = { kind: 'whisper' as const, conversationId: 'c1', messageId: 'm1', byName: '陈琳', contactName: 'Zhang Wei', excerpt: 'Offer the refund' };
    expect(notificationText({ kind: 'feed', entryId: 'note:m1', event, silent: false }, 'en')).toEqual({
      title: 'Whisper',
      body: '陈琳 wrote on your conversation with Zhang Wei: Offer the refund',
    });
    const taken = { kind: 'taken' as const, conversationId: 'c1', byName: '陈琳', reason: 'taken over by 陈琳', contactName: null };
    expect(notificationText({ kind: 'feed', entryId: 'taken:c1', event: taken, silent: false }, 'zh-CN')).toEqual({
      title: '被接管',
      body: '陈琳 接管了您的一个会话。',
    });
  });
});
