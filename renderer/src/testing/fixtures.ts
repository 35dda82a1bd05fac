import type { Draft, InboxConversation, ThreadMessage, TicketHistoryItem } from '../../../shared/contract';
import type { Ticket } from '../../../shared/tickets';
import type { AgentState, SkillGroup, TeamMember } from '../../../shared/domain';

/** Test data builders: a valid object with the fields a test cares about overridden. */
export function conversation(overrides: Partial<InboxConversation> & { id: string }): InboxConversation {
  return {
    seq: 1,
    channelId: 'ch-1',
    channelKind: 'widget',
    contactId: `contact-${overrides.id}`,
    contactName: `Contact ${overrides.id}`,
    status: 'open',
    assigneeId: null,
    assigneeName: null,
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    lastMessageSenderType: 'contact',
    createdAt: '2025-01-01T09:00:00.000Z',
    routingState: 'assigned',
    groupId: null,
    groupName: null,
    priority: 0,
    offeredToId: null,
    offerExpiresAt: null,
    waitingSince: null,
    summary: null,
    access: 'full',
    unread: 0,
    labels: [],
    ...overrides,
  };
}

export function message(overrides: Partial<ThreadMessage> & { id: string }): ThreadMessage {
  return {
    conversationId: 'c1',
    seq: 1,
    senderType: 'contact',
    senderId: null,
    senderName: null,
    body: `body of ${overrides.id}`,
    clientId: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    internal: false,
    delivery: 'sent',
    error: null,
    ...overrides,
  };
}

export function draft(overrides: Partial<Draft> & { conversationId: string }): Draft {
  return { body: '', updatedAt: '2025-01-01T10:00:00.000Z', reason: null, ...overrides };
}

/** A UUIDv7-shaped client id whose order follows `n`, as the outbox creates them. */
export function clientId(n: number): string {
  const time = (0x0190_0000_0000 + n).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function agentState(overrides: Partial<AgentState> = {}): AgentState {
  return { userId: 'u1', presence: 'online', load: 0, maxChats: 5, autoAwaySeconds: 300, ...overrides };
}

export function teamMember(overrides: Partial<TeamMember> & { id: string }): TeamMember {
  return { name: `Agent ${overrides.id}`, role: 'agent', presence: 'online', load: 0, maxChats: 5, groupIds: [], ...overrides };
}

export function skillGroup(overrides: Partial<SkillGroup> & { id: string }): SkillGroup {
  return { name: `Group ${overrides.id}`, open: true, ...overrides };
}

/** A ticket as the core answers it. */
export function ticket(overrides: Partial<Ticket> & { id: string }): Ticket {
  return {
    number: 1,
    subject: `Ticket ${overrides.id}`,
    typeId: null,
    priority: 'normal',
    status: 'open',
    departmentId: null,
    assigneeId: null,
    contactId: null,
    contactName: null,
    orderRef: null,
    source: 'agent',
    conversationIds: [],
    dueAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    solvedAt: null,
    closedAt: null,
    sla: 'ok',
    reopenedCount: 0,
    seq: 1,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A line of a ticket's history as the detail pane shows it. */
export function historyItem(overrides: Partial<TicketHistoryItem> & { id: string; ticketId: string }): TicketHistoryItem {
  return {
    kind: 'comment',
    public: false,
    actorType: 'user',
    actorId: 'u1',
    actorName: 'Wang Fang',
    body: `text of ${overrides.id}`,
    data: {},
    clientId: null,
    seq: 1,
    createdAt: '2026-01-01T09:00:00.000Z',
    delivery: 'sent',
    error: null,
    ...overrides,
  };
}
