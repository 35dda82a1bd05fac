import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SessionState } from '../../../shared/contract';
import type { KbArticle } from '../../../shared/domain';
import type { BotTurn } from '../../../shared/knowledge';
import { useBotAdminStore } from '../stores/bot-admin-store';
import { useConnectionStore } from '../stores/connection-store';
import { useKbAdminStore } from '../stores/kb-admin-store';
import { useSessionStore } from '../stores/session-store';
import { FakeBridge } from '../testing/fake-bridge';
import { untilStore } from '../testing/until-store';
import { createKnowledgeAdminController, type KnowledgeAdminController } from './knowledge-admin-controller';

const admin = { id: 'adm', accountId: 'acc', email: 'admin@example.com', name: 'Admin', role: 'admin' as const };
const signedIn = (user = admin): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const offline: ConnectionState = { ...online, status: 'offline', since: '2025-01-01T10:05:00.000Z' };

function article(id: string, over: Partial<KbArticle> = {}): KbArticle {
  return { id, lang: 'zh', title: id, body: '正文', category: '', tags: [], questions: [], enabled: true, updatedAt: '2025-01-01T00:00:00.000Z', ...over };
}

function turn(id: string): BotTurn {
  return {
    id,
    conversationId: 'c1',
    messageId: null,
    message: null,
    action: 'miss',
    via: 'none',
    articleId: null,
    ruleId: null,
    confidence: null,
    candidates: [],
    handoffReason: null,
    lang: 'zh',
    sentiment: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

let fake: FakeBridge;
let controller: KnowledgeAdminController;
let stop: () => void;

beforeEach(() => {
  useSessionStore.setState({ phase: 'ready', session: signedIn(), error: null });
  useConnectionStore.setState({ connection: online });
  useKbAdminStore.getState().reset();
  useBotAdminStore.getState().reset();
  fake = new FakeBridge();
  controller = createKnowledgeAdminController(fake.bridge);
  stop = controller.start();
});

afterEach(() => stop());

describe('the knowledge base in the admin screen', () => {
  it('reads the list again when articles change anywhere, once it is shown', async () => {
    let articles = [article('a')];
    fake.answer('kbAdmin.list', () => articles);
    // Not shown yet: the change is not even read (the handler would ask at once).
    fake.emit('catalog.updated', {});
    expect(fake.callsOf('kbAdmin.list')).toHaveLength(0);

    await controller.loadArticles();
    articles = [article('a'), article('b', { enabled: false })];
    fake.emit('catalog.updated', {});
    await untilStore(useKbAdminStore, (s) => s.articles.length === 2, 'the list read again');
    expect(useKbAdminStore.getState().articles.map((a) => [a.id, a.enabled])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('keeps a failed read until the connection returns, then reads again', async () => {
    fake.failWith('kbAdmin.list', 'offline');
    useConnectionStore.setState({ connection: offline });
    await controller.loadArticles();
    expect(useKbAdminStore.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });

    fake.answer('kbAdmin.list', () => [article('a')]);
    useConnectionStore.setState({ connection: online });
    await untilStore(useKbAdminStore, (s) => s.status === 'ready', 'the list read again');
    expect(useKbAdminStore.getState()).toMatchObject({ status: 'ready', articles: [{ id: 'a' }] });
  });

  it('shows a saved or disabled article at once', async () => {
    fake.answer('kbAdmin.list', () => [article('a')]);
    await controller.loadArticles();
    fake.answer('kbAdmin.setEnabled', ({ id, enabled }) => article(id, { enabled }));
    await controller.setArticleEnabled('a', false);
    fake.answer('kbAdmin.save', ({ article: input }) => article('new', { title: input.title }));
    await controller.saveArticle({ article: { lang: 'zh', title: '新文章', body: '正文' } });
    expect(useKbAdminStore.getState().articles.map((a) => [a.id, a.title, a.enabled])).toEqual([
      ['a', 'a', false],
      ['new', '新文章', true],
    ]);
  });

  it('reads the list again after an import wrote something, not after one that was refused', async () => {
    fake.answer('kbAdmin.list', () => [article('a')]);
    fake.answer('kbAdmin.import', () => ({ imported: 0, updated: 0, errors: [{ code: 'empty' }] }));
    await controller.importArticles('[]');
    // The read again would be asked for before importArticles resolves.
    expect(fake.callsOf('kbAdmin.list')).toHaveLength(0);
    fake.answer('kbAdmin.import', () => ({ imported: 1, updated: 0, errors: [] }));
    await controller.importArticles('[{"id": "a", "lang": "zh", "title": "a", "body": "b"}]');
    expect(fake.callsOf('kbAdmin.list')).toHaveLength(1);
    await untilStore(useKbAdminStore, (s) => s.status === 'ready', 'the list read after the import');
  });

  it('forgets everything when someone else signs in', async () => {
    fake.answer('kbAdmin.list', () => [article('a')]);
    await controller.loadArticles();
    useSessionStore.setState({ session: signedIn({ ...admin, id: 'other' }) });
    expect(useKbAdminStore.getState()).toMatchObject({ status: 'idle', articles: [] });
  });
});

describe('the bot in the admin screen', () => {
  it('drops a reply that was already deleted elsewhere', async () => {
    useBotAdminStore.getState().setRulesLoaded([
      { id: 'r1', kind: 'keyword', match: 'contains', pattern: 'x', replyZh: 'y', replyEn: '', enabled: true, priority: 0, updatedAt: '' },
    ]);
    fake.failWith('botRules.delete', 'not_found');
    await controller.deleteRule('r1');
    expect(useBotAdminStore.getState().rules).toEqual([]);
    fake.failWith('botRules.delete', 'forbidden');
    await expect(controller.deleteRule('r2')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages through one conversation’s turns and drops the answer to an older search', async () => {
    fake.answer('botTurns.list', ({ before }) =>
      before === undefined ? { turns: [turn('9'), turn('8')], nextBefore: 8 } : { turns: [turn('7')], nextBefore: null },
    );
    await controller.loadTurns(' c1 ');
    await controller.loadMoreTurns();
    expect(fake.callsOf('botTurns.list')).toEqual([{ conversationId: 'c1' }, { conversationId: 'c1', before: 8 }]);
    expect(useBotAdminStore.getState()).toMatchObject({ turnsConversation: 'c1', nextBefore: null });
    expect(useBotAdminStore.getState().turns.map((x) => x.id)).toEqual(['9', '8', '7']);

    let answer!: (value: { turns: BotTurn[]; nextBefore: null }) => void;
    fake.answer('botTurns.list', () => new Promise((resolve) => (answer = resolve)));
    const older = controller.loadTurns('c1');
    fake.answer('botTurns.list', () => ({ turns: [turn('20')], nextBefore: null }));
    await controller.loadTurns('');
    answer({ turns: [turn('1')], nextBefore: null });
    await older;
    expect(useBotAdminStore.getState()).toMatchObject({ turnsConversation: '', turns: [{ id: '20' }] });
  });
});
