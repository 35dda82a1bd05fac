import { describe, expect, it } from 'vitest';
import type { Contact, KbArticle, Template } from '../../../../shared/domain';
import { conversation } from '../../testing/fixtures';
import { movePaletteActive, paletteGroups, type PaletteSources } from './palette-logic';

const contact = (id: string, name: string, email: string | null): Contact => ({ id, name, email, phone: null, vipLevel: 0, tags: [] });
const article = { id: 'a1', lang: 'en', title: 'Refund policy', body: 'Refunds within 14 days.', category: 'Orders', tags: [] } as unknown as KbArticle;
const reply = { id: 't1', ownerId: null, lang: 'en', shortcut: '/refund', title: 'Refund on its way', body: 'Your refund is on its way.', category: '' } satisfies Template;

function sources(query: string, over: Partial<PaletteSources> = {}): PaletteSources {
  return {
    query,
    conversations: [
      conversation({ id: 'c1', contactId: 'k1', contactName: 'Wang Fang', lastMessagePreview: 'Where is my refund?' }),
      conversation({ id: 'c2', contactId: 'k2', contactName: 'Tom Baker', lastMessagePreview: 'The kettle broke' }),
      conversation({ id: 'c3', contactId: 'k1', contactName: 'Wang Fang', lastMessagePreview: 'Thanks' }),
    ],
    contacts: [contact('k1', 'Wang Fang', 'wang@example.com'), contact('k2', 'Tom Baker', 'tom@example.com')],
    articles: [],
    quickReplies: [],
    actions: [
      { id: 'resolve', label: 'Resolve the conversation', keys: ['Alt+E'] },
      { id: 'showShortcuts', label: 'Show keyboard shortcuts', keys: ['?'] },
    ],
    ...over,
  };
}

const titles = (query: string, over: Partial<PaletteSources> = {}) =>
  Object.fromEntries(paletteGroups(sources(query, over)).map((g) => [g.kind, g.items.map((i) => i.title)]));

describe('the command palette results', () => {
  it('offers the first chats and every action before anything is typed', () => {
    expect(titles('')).toEqual({ chats: ['Wang Fang', 'Tom Baker', 'Wang Fang'], actions: ['Resolve the conversation', 'Show keyboard shortcuts'] });
  });

  it('finds chats by name or last message and customers by name or email, each customer once', () => {
    expect(titles('refund', { articles: [article], quickReplies: [reply] })).toEqual({
      chats: ['Wang Fang'],
      articles: ['Refund policy'],
      quickReplies: ['Refund on its way'],
    });
    expect(titles('wang')).toEqual({ chats: ['Wang Fang', 'Wang Fang'], customers: ['Wang Fang'] });
    expect(titles('tom@example')).toEqual({ customers: ['Tom Baker'] });
    // A customer's result opens their latest chat (the first in the list).
    const customer = paletteGroups(sources('wang')).find((g) => g.kind === 'customers')!.items[0]!;
    expect(customer).toMatchObject({ kind: 'customer', conversationId: 'c1' });
  });

  it('shows a made-up visitor name as the reader reads it, and finds the chat by either form', () => {
    const visitor = conversation({ id: 'c9', contactId: 'k9', contactName: 'Visitor 4821', contactNameGenerated: true, lastMessagePreview: 'hi' });
    const over = { conversations: [visitor], contacts: [], nameOf: (c: typeof visitor) => (c.contactNameGenerated ? '访客 4821' : c.contactName) };
    expect(titles('', over)).toMatchObject({ chats: ['访客 4821'] });
    expect(titles('访客', over)).toEqual({ chats: ['访客 4821'], customers: ['访客 4821'] });
    expect(titles('visitor 4821', over)).toEqual({ chats: ['访客 4821'], customers: ['访客 4821'] });
  });

  it('matches every word in any order and any case', () => {
    expect(titles('SHORTCUTS keyboard')).toEqual({ actions: ['Show keyboard shortcuts'] });
    expect(titles('nothing like this')).toEqual({});
  });

  it('moves the active option round at either end', () => {
    expect(movePaletteActive(0, 3, 'ArrowDown')).toBe(1);
    expect(movePaletteActive(2, 3, 'ArrowDown')).toBe(0);
    expect(movePaletteActive(0, 3, 'ArrowUp')).toBe(2);
    expect(movePaletteActive(1, 3, 'End')).toBe(2);
    expect(movePaletteActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});
