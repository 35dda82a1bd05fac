import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { formatDuration } from '../../lib/duration';
import { applyActivity, applyAlert } from '../../stores/supervision-logic';
import { conversation, skillGroup, teamMember } from '../../testing/fixtures';
import {
  agentOptions,
  defaultSort,
  filterRows,
  groupOptions,
  idChoice,
  inboxFilterShowing,
  isFiltered,
  isIdChoice,
  monitorRows,
  noFilter,
  sortRows,
  stateLabelKey,
  summarize,
  toggleSort,
  waitingLevel,
  waitingSeconds,
  type MonitorRow,
} from './monitor-logic';

const at = (hhmmss: string) => `2025-01-01T${hhmmss}.000Z`;
const now = Date.parse(at('10:10:00'));

/** A small account: some waiting, some answered, one resolved. */
const conversations = [
  conversation({
    id: 'queued',
    contactName: 'Zhang Wei',
    routingState: 'queued',
    channelKind: 'whatsapp',
    groupId: 'pre',
    groupName: '售前',
    lastMessageAt: at('10:05:00'),
    lastMessageSenderType: 'contact',
  }),
  conversation({
    id: 'wang-answered',
    contactName: 'Liu Yang',
    routingState: 'assigned',
    assigneeId: 'wang',
    assigneeName: '王芳',
    lastMessageAt: at('10:09:00'),
    lastMessageSenderType: 'agent',
  }),
  conversation({
    id: 'li-waiting',
    contactName: 'Emily Chen',
    routingState: 'assigned',
    assigneeId: 'li',
    assigneeName: '李雷',
    groupId: 'after',
    groupName: '售后',
    channelKind: 'email',
    lastMessageAt: at('10:00:00'),
    lastMessageSenderType: 'contact',
  }),
  conversation({ id: 'bot', contactName: 'Guest 17', routingState: 'bot', lastMessageAt: at('10:08:00'), lastMessageSenderType: 'bot' }),
  conversation({ id: 'done', status: 'resolved', routingState: 'assigned', assigneeId: 'wang', assigneeName: '王芳' }),
];

function rows(): MonitorRow[] {
  return monitorRows(conversations, {}, {}, 'me');
}

const ids = (list: readonly MonitorRow[]) => list.map((r) => r.id);

describe('rows of the live monitor', () => {
  it('lists every active conversation and never a resolved one', () => {
    expect(ids(rows()).sort()).toEqual(['bot', 'li-waiting', 'queued', 'wang-answered']);
  });

  it('shows the agent, or nobody for a conversation not taken yet', () => {
    const byId = Object.fromEntries(rows().map((r) => [r.id, r]));
    expect(byId['li-waiting']).toMatchObject({ agentName: '李雷', groupName: '售后', channelKind: 'email', state: 'assigned' });
    expect(byId.queued).toMatchObject({ agentId: null, agentName: null, state: 'queued' });
  });

  it('counts the wait from the customer’s last message, and not at all once someone answered', () => {
    const byId = Object.fromEntries(rows().map((r) => [r.id, r]));
    expect(formatDuration(waitingSeconds(byId['li-waiting']!, now) ?? -1)).toBe('10:00');
    expect(formatDuration(waitingSeconds(byId.queued!, now) ?? -1)).toBe('05:00');
    // A second later the same row reads a second more: the value ticks with the clock.
    expect(formatDuration(waitingSeconds(byId.queued!, now + 1000) ?? -1)).toBe('05:01');
    expect(waitingSeconds(byId['wang-answered']!, now)).toBeNull();
    expect(waitingSeconds(byId.bot!, now)).toBeNull();
  });

  it('marks waits over a minute as long and over three minutes as late', () => {
    expect(waitingLevel(null)).toBe('none');
    expect(waitingLevel(59)).toBe('ok');
    expect(waitingLevel(60)).toBe('long');
    expect(waitingLevel(180)).toBe('late');
  });

  it('flags a conversation a sensitive-word alert came in for', () => {
    const alerts = applyAlert({}, {
      conversationId: 'queued',
      messageId: 'm9',
      contactName: 'Zhang Wei',
      senderType: 'contact',
      senderName: 'Zhang Wei',
      words: ['scam'],
      excerpt: 'this shop is a scam',
      at: at('10:06:00'),
    });
    const byId = Object.fromEntries(monitorRows(conversations, alerts, {}, 'me').map((r) => [r.id, r]));
    expect(byId.queued?.alert).toMatchObject({ count: 1, words: ['scam'] });
    expect(byId['li-waiting']?.alert).toBeNull();
  });

  it('shows which colleagues are viewing or typing, never the supervisor themselves', () => {
    const seen: Activity = {
      conversationId: 'li-waiting',
      userId: 'li',
      name: '李雷',
      role: 'agent',
      state: 'typing',
      preview: '您好',
      at: at('10:09:30'),
    };
    const mine: Activity = { ...seen, userId: 'me', name: 'Chen Lin', role: 'supervisor', state: 'viewing', preview: null };
    const activity = applyActivity(applyActivity({}, seen), mine);
    const row = monitorRows(conversations, {}, activity, 'me').find((r) => r.id === 'li-waiting');
    expect(row?.activity.map((a) => [a.name, a.state])).toEqual([['李雷', 'typing']]);
  });

  it('names every routing state, reusing the inbox’s words', () => {
    const t = translator('en');
    expect(t(stateLabelKey('bot'))).toBe('With the bot');
    expect(t(stateLabelKey('queued'))).toBe('In the queue');
    expect(t(stateLabelKey('offered'))).toBe('Offered');
    expect(t(stateLabelKey('assigned'))).toBe('Assigned');
    expect(t(stateLabelKey('pending'))).toBe('Left a message');
    expect(translator('zh-CN')(stateLabelKey('offered'))).not.toBe('Offered');
  });
});

describe('sorting the monitor', () => {
  it('starts with the customers who have waited longest, those not waiting at the end', () => {
    expect(ids(sortRows(rows(), defaultSort))).toEqual(['li-waiting', 'queued', 'bot', 'wang-answered']);
  });

  it('turns the wait around on a second click, still keeping those not waiting at the end', () => {
    const sort = toggleSort(defaultSort, 'waiting');
    expect(sort).toEqual({ key: 'waiting', direction: 'asc' });
    expect(ids(sortRows(rows(), sort))).toEqual(['queued', 'li-waiting', 'bot', 'wang-answered']);
  });

  it('sorts by state in routing order: bot, queued, offered, assigned, pending', () => {
    const sort = toggleSort(defaultSort, 'state');
    expect(sort).toEqual({ key: 'state', direction: 'asc' });
    // The two assigned ones: the longer wait first.
    expect(ids(sortRows(rows(), sort))).toEqual(['bot', 'queued', 'li-waiting', 'wang-answered']);
    expect(ids(sortRows(rows(), toggleSort(sort, 'state')))).toEqual(['li-waiting', 'wang-answered', 'queued', 'bot']);
  });

  it('sorts by agent name, unassigned conversations last either way', () => {
    const sort = { key: 'agent' as const, direction: 'asc' as const };
    const withEmma = [
      ...rows(),
      ...monitorRows(
        [conversation({ id: 'emma', assigneeId: 'emma', assigneeName: 'Emma Clark', lastMessageSenderType: 'agent' })],
        {},
        {},
        null,
      ),
    ];
    const asc = ids(sortRows(withEmma, sort, 'en'));
    expect(asc[0]).toBe('emma');
    expect(asc.slice(-2)).toEqual(['queued', 'bot']);
    const desc = ids(sortRows(withEmma, { ...sort, direction: 'desc' }, 'en'));
    expect(desc[desc.length - 3]).toBe('emma');
    expect(desc.slice(-2)).toEqual(['queued', 'bot']);
  });
});

describe('filtering the monitor', () => {
  it('shows everything without a filter', () => {
    expect(isFiltered(noFilter)).toBe(false);
    expect(filterRows(rows(), noFilter)).toHaveLength(4);
  });

  it('narrows by state, channel, agent and group, together', () => {
    expect(ids(filterRows(rows(), { ...noFilter, state: 'queued' }))).toEqual(['queued']);
    expect(ids(filterRows(rows(), { ...noFilter, channel: 'email' }))).toEqual(['li-waiting']);
    expect(ids(filterRows(rows(), { ...noFilter, agent: idChoice('wang') }))).toEqual(['wang-answered']);
    expect(ids(filterRows(rows(), { ...noFilter, agent: 'none' })).sort()).toEqual(['bot', 'queued']);
    expect(ids(filterRows(rows(), { ...noFilter, group: idChoice('after') }))).toEqual(['li-waiting']);
    expect(ids(filterRows(rows(), { ...noFilter, group: 'none' })).sort()).toEqual(['bot', 'wang-answered']);
    expect(filterRows(rows(), { ...noFilter, state: 'queued', channel: 'email' })).toEqual([]);
    expect(isFiltered({ ...noFilter, group: 'none' })).toBe(true);
  });

  it('can show only conversations with a sensitive-word alert', () => {
    const alerts = applyAlert({}, {
      conversationId: 'bot',
      messageId: null,
      contactName: 'Guest 17',
      senderType: 'contact',
      senderName: null,
      words: ['scam'],
      excerpt: 'scam',
      at: at('10:00:00'),
    });
    expect(ids(filterRows(monitorRows(conversations, alerts, {}, null), { ...noFilter, alertsOnly: true }))).toEqual(['bot']);
  });

  it('offers the whole team and every listed group as choices, by name', () => {
    const team = [teamMember({ id: 'wang', name: '王芳' }), teamMember({ id: 'emma', name: 'Emma Clark' })];
    const agents = agentOptions(rows(), team, 'en');
    expect(agents.map((o) => o.label).sort()).toEqual(['Emma Clark', '李雷', '王芳'].sort());
    expect(agents.find((o) => o.label === '李雷')?.value).toBe('id:li');
    const groups = groupOptions(rows(), [skillGroup({ id: 'pre', name: '售前' })], 'en');
    expect(groups.map((o) => [o.value, o.label]).sort()).toEqual([
      ['id:after', '售后'],
      ['id:pre', '售前'],
    ]);
  });

  it('reads only the choices it writes', () => {
    expect(isIdChoice('any')).toBe(true);
    expect(isIdChoice('none')).toBe(true);
    expect(isIdChoice('id:wang')).toBe(true);
    expect(isIdChoice('id:')).toBe(false);
    expect(isIdChoice('wang')).toBe(false);
  });
});

describe('the monitor summary', () => {
  it('counts the active conversations, those waiting for an agent, those unanswered and those flagged', () => {
    expect(summarize(rows())).toEqual({ active: 4, waitingForAgent: 1, unanswered: 2, alerts: 0 });
  });
});

describe('opening a conversation from the monitor', () => {
  const other = conversation({ id: 'x', assigneeId: 'wang', routingState: 'assigned' });
  it('keeps the inbox tab when it already lists the conversation, else switches to All', () => {
    expect(inboxFilterShowing(other, 'all', 'me')).toBe('all');
    expect(inboxFilterShowing(other, 'mine', 'me')).toBe('all');
    expect(inboxFilterShowing(other, 'unassigned', 'me')).toBe('all');
    expect(inboxFilterShowing(conversation({ id: 'y', assigneeId: 'me' }), 'mine', 'me')).toBe('mine');
  });
});
