// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopicDetail, TopicRun, TopicsList } from '../../../../shared/topics';
import { AppUnderTest } from '../../testing/app-under-test';
import { online, sessionOf } from '../../testing/workstation-harness';
import { TopicsView } from './TopicsView';

let app: AppUnderTest;

const run: TopicRun = {
  id: 'r1', days: 7, from: '2026-11-30T10:00:00.000Z', to: '2026-12-07T10:00:00.000Z', status: 'done', trigger: 'nightly',
  method: 'local', messageCount: 40, clusteredCount: 40, createdAt: '2026-12-07T10:00:00.000Z', finishedAt: '2026-12-07T10:00:05.000Z',
};
const example = (id: string, conversationId: string, body: string) => ({ messageId: id, conversationId, body, createdAt: '2026-12-05T08:00:00.000Z' });
const list: TopicsList = {
  run,
  pending: null,
  topics: [
    {
      id: 't1', label: '退款、到账', lang: 'zh', messageCount: 6, conversationCount: 5, trend: [0, 0, 0, 0, 2, 4, 0, 0],
      examples: [example('m1', 'c1', '退款什么时候到账'), example('m2', 'c2', 'tk怎么还没到账'), example('m3', 'c3', 'where is my refund'), example('m4', 'c4', '退款多久')],
    },
    { id: 't2', label: 'invoice, company', lang: 'en', messageCount: 1, conversationCount: 1, trend: [0, 1, 0, 0, 0, 0, 0, 0], examples: [example('m9', 'c9', 'can i get an invoice')] },
  ],
};
const detail: TopicDetail = {
  topic: list.topics[0]!,
  run,
  conversations: [
    { conversationId: 'c2', contactName: '张伟', channelKind: 'wechat', status: 'open', assigneeId: 'u9', lastAt: '2026-12-06T09:00:00.000Z', messages: [{ messageId: 'm2', body: 'tk怎么还没到账', createdAt: '2026-12-06T09:00:00.000Z' }] },
    { conversationId: 'c1', contactName: 'Anna', channelKind: 'widget', status: 'resolved', assigneeId: null, lastAt: '2026-12-05T08:00:00.000Z', messages: [{ messageId: 'm1', body: '退款什么时候到账', createdAt: '2026-12-05T08:00:00.000Z' }] },
  ],
};

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(sessionOf({ id: 'sup', accountId: 'acc', email: 'sup@example.com', name: 'Zhou', role: 'supervisor' }));
  app.stores.connection.getState().setConnection(online);
  app.fake.answer('topics.list', () => list).answer('topics.get', () => detail);
});

afterEach(() => {
  cleanup();
});

describe('the Topics screen', () => {
  it('lists the last seven days topics largest first, with counts, a trend and three examples each', async () => {
    render(<TopicsView />, { wrapper: app.wrapper });
    const rows = await screen.findAllByTestId('topic-row');
    expect(app.fake.callsOf('topics.list')).toEqual([{ days: 7 }]);
    expect(rows.map((r) => within(r).getByRole('heading').textContent)).toEqual(['退款、到账', 'invoice, company']);
    expect(within(rows[0]!).getByTestId('topic-count').textContent).toBe('6 messages');
    expect(within(rows[0]!).getByText('5 conversations')).toBeTruthy();
    expect(within(rows[0]!).getByRole('img').getAttribute('aria-label')).toBe('Messages per day: 0, 0, 0, 0, 2, 4, 0, 0');
    const examples = within(rows[0]!).getByRole('list', { name: 'Examples of “退款、到账”' });
    expect(within(examples).getAllByRole('button').map((b) => b.textContent)).toEqual(['退款什么时候到账', 'tk怎么还没到账', 'where is my refund']);
    expect(within(rows[1]!).getByTestId('topic-count').textContent).toBe('1 message');
    expect(screen.getByTestId('topics-run-info').textContent).toContain('40 of 40 customer messages grouped on');
  });

  it('an example opens its conversation in the inbox', async () => {
    app.stores.view.getState().setView('topics');
    render(<TopicsView />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByRole('button', { name: 'tk怎么还没到账' }));
    expect(app.stores.view.getState().view).toBe('inbox');
    expect(app.stores.inbox.getState().selectedId).toBe('c2');
  });

  it('a topic shows the conversations it came from; each opens in the inbox', async () => {
    render(<TopicsView />, { wrapper: app.wrapper });
    const rows = await screen.findAllByTestId('topic-row');
    await userEvent.click(within(rows[0]!).getByRole('button', { name: 'Show the conversations' }));
    expect(await screen.findByRole('heading', { name: 'Conversations about “退款、到账”' })).toBeTruthy();
    expect(app.fake.callsOf('topics.get')).toEqual([{ topicId: 't1' }]);
    const conversations = screen.getAllByTestId('topic-conversation');
    expect(conversations.map((c) => c.querySelector('strong')!.textContent)).toEqual(['张伟', 'Anna']);
    expect(conversations[1]!.textContent).toContain('Resolved');
    expect(screen.getByText('The newest 2 conversations are listed.')).toBeTruthy();
    // Read in place: the whole conversation, who said what.
    app.fake.answer('topics.conversation', () => ({
      messages: [
        { messageId: 'm1', from: 'contact', body: '退款什么时候到账', createdAt: '2026-12-05T08:00:00.000Z' },
        { messageId: 'a1', from: 'agent', body: '已经退回，3 天内到账', createdAt: '2026-12-05T08:01:00.000Z' },
      ],
    }));
    await userEvent.click(within(conversations[1]!).getByRole('button', { name: 'Read the conversation' }));
    const transcript = await within(conversations[1]!).findByTestId('topic-transcript');
    expect(app.fake.callsOf('topics.conversation')).toEqual([{ topicId: 't1', conversationId: 'c1' }]);
    expect(within(transcript).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Customer: 退款什么时候到账', 'Agent: 已经退回，3 天内到账']);
    await userEvent.click(within(conversations[1]!).getByRole('button', { name: 'Open in the inbox' }));
    expect(app.stores.inbox.getState().selectedId).toBe('c1');
    expect(app.stores.view.getState().view).toBe('inbox');
  });

  it('groups again on request and says so until the run is done; the 30-day period is read on its own', async () => {
    app.fake.answer('topics.run', ({ days }) => ({ run: { ...run, id: 'r2', days, status: 'queued', trigger: 'request', finishedAt: null } }));
    render(<TopicsView />, { wrapper: app.wrapper });
    await screen.findAllByTestId('topic-row');
    app.fake.answer('topics.list', () => ({ ...list, pending: { ...run, id: 'r2', status: 'running', trigger: 'request', finishedAt: null } }));
    await userEvent.click(screen.getByTestId('topics-run'));
    expect(await screen.findByTestId('topics-pending')).toBeTruthy();
    expect(app.fake.callsOf('topics.run')).toEqual([{ days: 7 }]);
    expect((screen.getByTestId('topics-run') as HTMLButtonElement).disabled).toBe(true);
    // The topics of the last finished run stay on screen meanwhile.
    expect(screen.getAllByTestId('topic-row')).toHaveLength(2);

    app.fake.answer('topics.list', () => ({ run: null, pending: null, topics: [] }));
    await userEvent.selectOptions(screen.getByLabelText('Period'), '30');
    expect(await screen.findByText(/No topics for this period yet/)).toBeTruthy();
    expect(app.fake.callsOf('topics.list').at(-1)).toEqual({ days: 30 });
  });

  it('says why when the topics cannot be read', async () => {
    app.fake.failWith('topics.list', 'forbidden', 'Only supervisors and admins can read topics.');
    render(<TopicsView />, { wrapper: app.wrapper });
    expect((await screen.findByRole('alert')).textContent).toContain('Topics could not be read');
  });
});
