import { afterEach, describe, expect, it } from 'vitest';
import type { HighlightedText } from '../../shared/knowledge';
import type { CacheStore } from './cache/cache-store';
import { searchMessages, searchTerms, snippet } from './message-search';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';

const marked = (pieces: HighlightedText) => pieces.filter((p) => p.match).map((p) => p.text);
const whole = (pieces: HighlightedText) => pieces.map((p) => p.text).join('');

let store: CacheStore | undefined;
afterEach(async () => {
  await store?.db.close();
  store = undefined;
});

async function cacheWith(messages: Parameters<typeof aMessage>[0][]): Promise<CacheStore> {
  store = await memoryCache();
  const ids = [...new Set(messages.map((m) => m.conversationId ?? 'c1'))];
  await fill(store, {
    conversations: ids.map((id, i) => aConversation({ id, seq: 1000 + i })),
    messages: messages.map(aMessage),
  });
  return store;
}

describe('message search', () => {
  it('finds the conversations holding a word, newest match first, each once through its newest match', async () => {
    const cache = await cacheWith([
      { id: 'a1', seq: 1, conversationId: 'a', body: 'Where is my invoice?' },
      { id: 'b1', seq: 2, conversationId: 'b', body: '发票抬头写错了' },
      { id: 'a2', seq: 3, conversationId: 'a', body: 'The INVOICE number is 42' },
      { id: 'c1', seq: 4, conversationId: 'c', body: 'Thanks!' },
    ]);
    const { hits, truncated } = await searchMessages(cache, 'invoice');
    expect(hits.map((h) => [h.conversationId, h.messageId])).toEqual([['a', 'a2']]);
    expect(marked(hits[0]!.snippet)).toEqual(['INVOICE']);
    expect(hits[0]!.createdAt).toBe('2025-01-01T10:00:00.000Z');
    expect(truncated).toBe(false);
    expect((await searchMessages(cache, '发票')).hits.map((h) => h.conversationId)).toEqual(['b']);
  });

  it('needs every word of the query in the same message', async () => {
    const cache = await cacheWith([
      { id: 'a1', seq: 1, conversationId: 'a', body: 'refund for the blue shoes' },
      { id: 'b1', seq: 2, conversationId: 'b', body: 'refund please' },
      { id: 'b2', seq: 3, conversationId: 'b', body: 'the shoes are blue' },
    ]);
    expect((await searchMessages(cache, '  refund   shoes ')).hits.map((h) => h.conversationId)).toEqual(['a']);
  });

  it('takes % and _ in a query as the characters themselves', async () => {
    const cache = await cacheWith([
      { id: 'a1', seq: 1, conversationId: 'a', body: 'a 50% discount' },
      { id: 'b1', seq: 2, conversationId: 'b', body: 'a 500 discount' },
      { id: 'c1', seq: 3, conversationId: 'c', body: 'order_id missing' },
      { id: 'd1', seq: 4, conversationId: 'd', body: 'orderXid missing' },
    ]);
    expect((await searchMessages(cache, '50%')).hits.map((h) => h.conversationId)).toEqual(['a']);
    expect((await searchMessages(cache, 'order_id')).hits.map((h) => h.conversationId)).toEqual(['c']);
  });

  it('leaves out system notices, and forgets the messages of a conversation that left the cache', async () => {
    const cache = await cacheWith([
      { id: 'a1', seq: 1, conversationId: 'a', senderType: 'system', body: 'Assigned to Wang Fang' },
      { id: 'b1', seq: 2, conversationId: 'b', body: 'Ask Wang about it' },
    ]);
    expect((await searchMessages(cache, 'wang')).hits.map((h) => h.conversationId)).toEqual(['b']);
    await cache.db.write((tx) => cache.removeConversation(tx, 'b'));
    expect((await searchMessages(cache, 'wang')).hits).toEqual([]);
  });

  it('finds what arrives after the first search, and nothing a rolled-back write stored', async () => {
    const cache = await cacheWith([{ id: 'a1', seq: 1, conversationId: 'a', body: 'first parcel' }]);
    expect((await searchMessages(cache, 'parcel')).hits.map((h) => h.messageId)).toEqual(['a1']);
    await fill(cache, { messages: [aMessage({ id: 'a2', seq: 2, conversationId: 'a', body: 'second parcel' })] });
    expect((await searchMessages(cache, 'parcel')).hits.map((h) => h.messageId)).toEqual(['a2']);
    const failed = cache.db.write(async (tx) => {
      await cache.putMessages(tx, [aMessage({ id: 'a3', seq: 3, conversationId: 'a', body: 'third parcel' })]);
      throw new Error('the write fails after the insert');
    });
    await expect(failed).rejects.toThrow('the write fails');
    expect((await searchMessages(cache, 'parcel')).hits.map((h) => h.messageId)).toEqual(['a2']);
    // A message stored while the first search reads the cache is not missed.
    await Promise.all([searchMessages(cache, 'x'), fill(cache, { messages: [aMessage({ id: 'a4', seq: 4, conversationId: 'a', body: 'fourth parcel' })] })]);
    expect((await searchMessages(cache, 'fourth')).hits.map((h) => h.messageId)).toEqual(['a4']);
  });

  it('answers at most the limit and says there were more', async () => {
    const cache = await cacheWith(
      Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, seq: i + 1, conversationId: `c${i}`, body: `parcel ${i}` })),
    );
    const { hits, truncated } = await searchMessages(cache, 'parcel', 3);
    expect(hits.map((h) => h.conversationId)).toEqual(['c4', 'c3', 'c2']);
    expect(truncated).toBe(true);
  });

  it('finds nothing for an empty query', async () => {
    const cache = await cacheWith([{ id: 'a1', seq: 1, body: 'anything' }]);
    expect(await searchMessages(cache, '   ')).toEqual({ hits: [], truncated: false });
  });
});

describe('search terms and snippets', () => {
  it('cut a query at spaces (the ideographic one too), each word once whatever its case', () => {
    expect(searchTerms('Refund  refund\u3000发票 ')).toEqual(['Refund', '发票']);
    expect(searchTerms('')).toEqual([]);
  });

  it('show the text around the first match with … where text was left out, every match marked', () => {
    const body = `${'x'.repeat(100)} the parcel left, parcel tracking follows ${'y'.repeat(200)}`;
    const pieces = snippet(body, ['PARCEL']);
    expect(whole(pieces)).toMatch(/^….*…$/);
    expect(marked(pieces)).toEqual(['parcel', 'parcel']);
    expect(whole(pieces).length).toBeLessThanOrEqual(122);
  });

  it('keep a short message whole on one line', () => {
    const pieces = snippet('我的订单\n还没有收到', ['订单']);
    expect(pieces).toEqual([
      { text: '我的', match: false },
      { text: '订单', match: true },
      { text: ' 还没有收到', match: false },
    ]);
  });

  it('never cut a character made of two halves', () => {
    const body = `${'😀'.repeat(40)} parcel ${'😀'.repeat(80)}`;
    const text = whole(snippet(body, ['parcel']));
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
