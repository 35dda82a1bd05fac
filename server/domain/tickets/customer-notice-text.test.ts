import { describe, expect, it } from 'vitest';
import { ticketOpenedNotice, ticketReplyMark, ticketStatusNotice } from './customer-notice-text';

describe('what the customer reads about their ticket', () => {
  it('names the ticket number in the language they wrote in', () => {
    expect(ticketOpenedNotice('zh', 12, '咖啡机不加热')).toContain('#12');
    expect(ticketOpenedNotice('en', 12, 'Broken')).toMatch(/^Your ticket #12/);
    expect(ticketStatusNotice('zh', 12, 'in_progress', 7)).toContain('处理中');
    expect(ticketReplyMark('en', 12)).toBe('[Ticket #12] ');
  });

  it('tells a solved ticket’s customer how long a reply reopens it, unless reopening is off', () => {
    expect(ticketStatusNotice('en', 3, 'solved', 7)).toContain('within 7 days');
    expect(ticketStatusNotice('en', 3, 'solved', 0)).not.toContain('days');
    expect(ticketStatusNotice('zh', 3, 'solved', 5)).toContain('5 天内');
  });
});
