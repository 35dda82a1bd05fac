import { describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../../../shared/contract';
import { relabelContact, sortConversations } from '../../stores/inbox-logic';
import { readInboxSort } from '../../stores/inbox-filter-store';
import { conversation } from '../../testing/fixtures';
import {
  applyQuery,
  countChoices,
  isSearchable,
  labelChoices,
  priorityChoices,
  searchMatches,
  sortForView,
  statusOf,
  noFacets,
  type InboxQuery,
} from './inbox-query';

const me = 'u1';
const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);
const query = (overrides: Partial<InboxQuery> = {}): InboxQuery => ({ tab: 'all', sort: 'waiting', ...noFacets, ...overrides });

const inbox: InboxConversation[] = [
  conversation({ id: 'wa-mine', channelKind: 'whatsapp', assigneeId: me, labels: ['vip'], priority: 2, unread: 3 }),
  conversation({ id: 'web-queued', channelKind: 'widget', routingState: 'queued', waitingSince: '2025-01-01T09:00:00.000Z', labels: ['new'] }),
  conversation({ id: 'web-pending', channelKind: 'widget', routingState: 'pending', labels: ['vip', 'wholesale'], priority: 1 }),
  conversation({ id: 'mail-done', channelKind: 'email', status: 'resolved', assigneeId: me }),
  conversation({ id: 'tg-colleague', channelKind: 'telegram', assigneeId: 'u2', labels: ['vip'] }),
];

describe('inbox filters', () => {
  it('tell open, pending (a message left out of hours) and resolved apart', () => {
    expect(inbox.map(statusOf)).toEqual(['open', 'open', 'pending', 'resolved', 'open']);
  });

  it('narrow by channel, status, label and priority, together with the tab', () => {
    expect(ids(applyQuery(inbox, query({ channel: 'widget' }), me))).toEqual(['web-queued', 'web-pending']);
    expect(ids(applyQuery(inbox, query({ status: 'pending' }), me))).toEqual(['web-pending']);
    expect(ids(applyQuery(inbox, query({ status: 'resolved' }), me))).toEqual(['mail-done']);
    expect(ids(applyQuery(inbox, query({ label: 'vip' }), me))).toEqual(['wa-mine', 'web-pending', 'tg-colleague']);
    expect(ids(applyQuery(inbox, query({ label: 'vip', tab: 'mine' }), me))).toEqual(['wa-mine']);
    expect(ids(applyQuery(inbox, query({ priority: 1 }), me))).toEqual(['web-pending']);
    expect(ids(applyQuery(inbox, query({ channel: 'widget', label: 'vip', status: 'open' }), me))).toEqual([]);
  });

  it('count every choice given the other choices made', () => {
    const counts = countChoices(inbox, query({ label: 'vip' }), me);
    // Tabs follow the label filter.
    expect(counts.tab).toEqual({ mine: 1, unassigned: 1, all: 3 });
    expect(Object.fromEntries(counts.channel)).toEqual({ whatsapp: 1, widget: 1, telegram: 1 });
    expect(counts.status).toEqual({ open: 2, pending: 1, resolved: 0 });
    // The label filter's own counts ignore the label chosen.
    expect(Object.fromEntries(counts.label)).toEqual({ vip: 3, new: 1, wholesale: 1 });
    expect(Object.fromEntries(counts.priority)).toEqual({ 2: 1, 1: 1, 0: 1 });
  });

  it('Mine leaves out my resolved chats until resolved ones are asked for, and counts them for that choice', () => {
    expect(ids(applyQuery(inbox, query({ tab: 'mine' }), me))).toEqual(['wa-mine']);
    expect(ids(applyQuery(inbox, query({ tab: 'mine', status: 'resolved' }), me))).toEqual(['mail-done']);
    expect(countChoices(inbox, query({ tab: 'mine' }), me).status).toEqual({ open: 1, pending: 0, resolved: 1 });
    expect(countChoices(inbox, query({ tab: 'all', status: 'resolved' }), me).tab).toEqual({ mine: 1, unassigned: 0, all: 1 });
  });

  it('list labels by use and priorities from the highest, keeping a chosen one that no longer matches', () => {
    expect(labelChoices(new Map([['new', 1], ['vip', 3], ['b2b', 1]]), null)).toEqual([['vip', 3], ['b2b', 1], ['new', 1]]);
    expect(labelChoices(new Map(), 'vip')).toEqual([['vip', 0]]);
    expect(priorityChoices(new Map([[0, 4], [2, 1]]), 1)).toEqual([[2, 1], [1, 0], [0, 4]]);
  });
});

describe('inbox order', () => {
  const list = sortConversations(
    [
      conversation({ id: 'queued-long', routingState: 'queued', waitingSince: '2025-01-01T09:00:00.000Z' }),
      conversation({ id: 'vip-mine', assigneeId: me, priority: 3, lastMessageAt: '2025-01-01T08:00:00.000Z' }),
      conversation({ id: 'offer', routingState: 'offered', offeredToId: me, waitingSince: '2025-01-01T09:30:00.000Z' }),
      conversation({ id: 'queued-vip', routingState: 'queued', waitingSince: '2025-01-01T09:40:00.000Z', priority: 2 }),
      conversation({ id: 'lost-vip', access: 'lost', priority: 5 }),
    ],
    me,
  );

  it('by waiting time keeps the inbox order: offers, the longest waiting, the rest', () => {
    expect(ids(sortForView(list, 'waiting', me))).toEqual(['offer', 'queued-long', 'queued-vip', 'vip-mine', 'lost-vip']);
    expect(sortForView(list, 'waiting', me)).toBe(list);
  });

  it('by priority puts offers first, then the highest priority, then waiting time; lost ones last', () => {
    expect(ids(sortForView(list, 'priority', me))).toEqual(['offer', 'vip-mine', 'queued-vip', 'queued-long', 'lost-vip']);
  });

  it('is remembered, reading an unknown value as waiting time', () => {
    expect(readInboxSort({ getItem: () => 'priority' })).toBe('priority');
    expect(readInboxSort({ getItem: () => 'alphabetical' })).toBe('waiting');
    expect(readInboxSort(null)).toBe('waiting');
  });
});

describe('inbox search', () => {
  const people = [
    conversation({ id: 'zhang', contactName: '张伟' }),
    conversation({ id: 'sarah', contactName: 'Sarah Johnson' }),
    conversation({ id: 'mike', contactName: 'Michael Brown' }),
  ];

  it('finds customers by every word of their name, whatever the case', () => {
    expect([...searchMatches(people, 'sarah JOHN', new Map()).keys()]).toEqual(['sarah']);
    expect([...searchMatches(people, '张', new Map()).keys()]).toEqual(['zhang']);
  });

  it('adds the conversations found by their messages, keeping the message snippet', () => {
    const snippet = [{ text: 'invoice', match: true }];
    const found = searchMatches(people, 'invoice', new Map([['mike', snippet]]));
    expect([...found.entries()]).toEqual([['mike', snippet]]);
    const both = searchMatches(people, 'sarah', new Map([['sarah', snippet]]));
    expect(both.get('sarah')).toBe(snippet);
  });

  it('narrows the list and the counts to what it found', () => {
    const found = searchMatches(inbox, 'x', new Map([['web-pending', []], ['mail-done', []]]));
    expect(ids(applyQuery(inbox, query(), me, found))).toEqual(['web-pending', 'mail-done']);
    expect(countChoices(inbox, query(), me, found).tab.all).toBe(2);
  });

  it('starts once there are two characters, or one Chinese character', () => {
    expect(isSearchable(' a ')).toBe(false);
    expect(isSearchable('ab')).toBe(true);
    expect(isSearchable('退')).toBe(true);
  });
});

describe('labels', () => {
  it('follow the customer\'s tags when they change, leaving other customers\' conversations alone', () => {
    const byId = {
      a: conversation({ id: 'a', contactId: 'k1', labels: ['new'] }),
      b: conversation({ id: 'b', contactId: 'k2', labels: ['new'] }),
    };
    const next = relabelContact(byId, 'k1', ['vip']);
    expect(next.a?.labels).toEqual(['vip']);
    expect(next.b).toBe(byId.b);
    expect(relabelContact(next, 'k1', ['vip'])).toBe(next);
  });
});
