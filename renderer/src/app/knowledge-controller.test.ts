import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/contract';
import type { KbArticle, Template } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { useKnowledgeStore } from '../features/knowledge/knowledge-store';
import { useTemplatesStore } from '../features/templates/templates-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useNotesStore } from '../stores/notes-store';
import { useSessionStore } from '../stores/session-store';
import { FakeBridge } from '../testing/fake-bridge';
import { ManualTimers } from '../testing/manual-timers';
import { untilStore } from '../testing/until-store';
import { createKnowledgeController, type KnowledgeController } from './knowledge-controller';

const agent = { id: 'u1', accountId: 'acc', email: 'wang@example.com', name: '王芳', role: 'agent' as const };
const signedIn = (user = agent): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });

const article = (id: string, title: string, body = `${title}的说明`): KbArticle => ({
  id, lang: 'zh', title, body, category: '', tags: [], questions: [], enabled: true, updatedAt: '2026-11-20T08:00:00.000Z',
});
const hit = (a: KbArticle, score = 0.9): KbSearchHit => ({ article: a, score, title: [{ text: a.title, match: true }], snippet: [{ text: a.body, match: false }] });
const template = (id: string): Template => ({ id, ownerId: null, lang: 'zh', shortcut: id, title: id, body: 'x', category: '' });

/** A promise the test settles by hand, to answer calls out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let fake: FakeBridge;
let timers: ManualTimers;
let controller: KnowledgeController;
let stop: () => void;
let changed: { conversationId: string; text: string }[];

beforeEach(() => {
  useSessionStore.setState({ phase: 'ready', session: signedIn(), error: null });
  useKnowledgeStore.getState().reset();
  useTemplatesStore.getState().reset();
  useDraftsStore.getState().reset();
  useNotesStore.getState().reset();
  fake = new FakeBridge();
  fake.answer('templates.list', () => [template('hi')]);
  fake.answer('kb.search', ({ query }) => [hit(article(query, query))]);
  fake.answer('kb.inserted', () => ({ recorded: true }));
  timers = new ManualTimers();
  changed = [];
  controller = createKnowledgeController(
    fake.bridge,
    { changeDraft: (conversationId, text) => changed.push({ conversationId, text }) },
    () => undefined,
    timers,
  );
  stop = controller.start();
});

afterEach(() => stop());

describe('the knowledge controller', () => {
  it('searches once typing pauses, with the last text typed', async () => {
    controller.typeQuery('退');
    timers.advance(100);
    controller.typeQuery('退款');
    timers.advance(100);
    expect(fake.callsOf('kb.search')).toEqual([]);
    expect(useKnowledgeStore.getState().query).toBe('退款');
    timers.advance(100);
    expect(fake.callsOf('kb.search')).toEqual([{ query: '退款', limit: 20 }]);
    await untilStore(useKnowledgeStore, (s) => s.status === 'ready', 'the answer to the search');
    expect(useKnowledgeStore.getState()).toMatchObject({ searched: '退款', status: 'ready' });
    expect(useKnowledgeStore.getState().hits.map((h) => h.article.id)).toEqual(['退款']);
  });

  it('keeps the answer to the latest search when an older one arrives after it', async () => {
    const slow = deferred<KbSearchHit[]>();
    fake.answer('kb.search', ({ query }) => (query === 'old' ? slow.promise : [hit(article('new', 'new'))]));
    const first = controller.search('old');
    await controller.search('new');
    slow.resolve([hit(article('old', 'old'))]);
    await first;
    expect(useKnowledgeStore.getState().hits.map((h) => h.article.id)).toEqual(['new']);
  });

  it('clears the results for an empty query without asking the core', async () => {
    await controller.search('   ');
    expect(fake.callsOf('kb.search')).toEqual([]);
    expect(useKnowledgeStore.getState()).toMatchObject({ hits: [], status: 'ready' });
  });

  it('shows why a search failed', async () => {
    fake.failWith('kb.search', 'internal', 'disk full');
    await controller.search('退款');
    expect(useKnowledgeStore.getState()).toMatchObject({ status: 'failed', error: { code: 'internal' } });
  });

  it('suggests articles for the customer message once per message', async () => {
    await controller.suggest('c1', '我想退款');
    await controller.suggest('c1', '我想退款');
    expect(fake.callsOf('kb.search')).toEqual([{ query: '我想退款', limit: 5 }]);
    expect(useKnowledgeStore.getState().suggestions).toMatchObject({ conversationId: 'c1', forText: '我想退款' });
    await controller.suggest('c1', '运费多少');
    expect(fake.callsOf('kb.search')).toHaveLength(2);
    await controller.suggest('c2', null);
    expect(useKnowledgeStore.getState().suggestions).toEqual({ conversationId: 'c2', forText: '', hits: [] });
  });

  it('puts an article into the reply through the draft path, after what was typed, as plain text', () => {
    useDraftsStore.getState().setText('c1', '您好，');
    useNotesStore.getState().setMode('c1', 'note');
    controller.insertIntoReply('c1', article('a', '退款政策', '**7 天内**可退货：\n\n- 原路退回\n- 1–3 天到账'));
    expect(changed).toEqual([{ conversationId: 'c1', text: '您好，\n\n7 天内可退货：\n\n- 原路退回\n- 1–3 天到账' }]);
    expect(useNotesStore.getState().modes.c1).toBe('reply');
    // The server is told which article answered the customer, for the bot to learn from.
    expect(fake.callsOf('kb.inserted')).toEqual([{ conversationId: 'c1', articleId: 'a' }]);
  });

  it('reads the quick replies at start and again, with any search, when the catalog changes', async () => {
    await untilStore(useTemplatesStore, (s) => s.status === 'ready', 'the quick replies');
    expect(useTemplatesStore.getState()).toMatchObject({ status: 'ready', templates: [template('hi')] });
    useKnowledgeStore.getState().setQuery('退款');
    await controller.suggest('c1', '我想退款');
    fake.answer('templates.list', () => [template('hi'), template('tk')]);
    fake.emit('catalog.updated', {});
    await untilStore(useTemplatesStore, (s) => s.templates.length === 2, 'the quick replies read again');
    await untilStore(useKnowledgeStore, (s) => s.status === 'ready' && s.suggestions !== null, 'the search and suggestions again');
    expect(useTemplatesStore.getState().templates.map((t) => t.id)).toEqual(['hi', 'tk']);
    expect(fake.callsOf('kb.search')).toEqual([
      { query: '我想退款', limit: 5 },
      { query: '退款', limit: 20 },
      { query: '我想退款', limit: 5 },
    ]);
  });

  it('saves and deletes quick replies, keeping the list in step', async () => {
    await untilStore(useTemplatesStore, (s) => s.status === 'ready', 'the quick replies');
    const saved = template('tk');
    fake.answer('templates.save', () => saved);
    fake.answer('templates.delete', () => ({ deleted: true }));
    await controller.saveTemplate({ scope: 'personal', lang: 'zh', shortcut: 'tk', title: 'tk', body: 'x' });
    expect(useTemplatesStore.getState().templates.map((t) => t.id)).toEqual(['hi', 'tk']);
    await controller.deleteTemplate('hi');
    expect(useTemplatesStore.getState().templates.map((t) => t.id)).toEqual(['tk']);
    fake.failWith('templates.save', 'forbidden');
    await expect(controller.saveTemplate({ scope: 'team', lang: 'zh', shortcut: 'a', title: 'a', body: 'a' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('reads the quick replies again once the cache is open, when they were asked for too early', async () => {
    await untilStore(useTemplatesStore, (s) => s.status === 'ready', 'the quick replies');
    useTemplatesStore.getState().reset();
    fake.failWith('templates.list', 'not_signed_in');
    await controller.loadTemplates();
    expect(useTemplatesStore.getState().status).toBe('failed');
    fake.answer('templates.list', () => [template('hi')]);
    fake.emit('inbox.reloaded', {});
    await untilStore(useTemplatesStore, (s) => s.status === 'ready', 'the quick replies read again');
    expect(useTemplatesStore.getState()).toMatchObject({ status: 'ready', templates: [template('hi')] });
  });

  it('forgets results, suggestions and replies when another user signs in', async () => {
    await controller.search('退款');
    await controller.suggest('c1', '退款');
    useSessionStore.getState().setSession(signedIn({ ...agent, id: 'u2' }));
    expect(useKnowledgeStore.getState()).toMatchObject({ query: '', hits: [], suggestions: null });
    expect(fake.callsOf('templates.list')).toHaveLength(2);
    await untilStore(useTemplatesStore, (s) => s.status === 'ready', "the new user's quick replies");
  });
});
