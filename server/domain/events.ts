import type { MessageAttachmentPush } from '../../shared/attachments';
import type { MessageDeliveryPush } from '../../shared/channels';
import type { AgentState, Contact, EscalationAlert, TeamMember } from '../../shared/domain';
import type { AgentPush, QueueStatus } from '../../shared/protocol';
import type { ErrorLogger } from '../lib/error-logger';
import type { ConversationChange } from './conversations/message-change';
import type { Ticket, TicketEvent } from '../../shared/tickets';
import type { TicketMentionNotice } from '../../shared/tickets-admin';

/** Who uses a changed catalog entry: the whole account, or one user (their own quick replies). */
export type CatalogAudience = { kind: 'account' } | { kind: 'user'; userId: string };

/**
 * What the domain tells the rest of the server after it changed something. Domain code emits
 * these; server/realtime/ turns each into socket pushes to the right rooms.
 */
export type DomainEvent =
  /** A stored conversation change (a message, an assignment, a status). */
  | { type: 'conversation.changed'; change: ConversationChange; exceptVisitorSocket?: string }
  /** An agent's presence or load as their own workstation shows it. */
  | { type: 'agent.state.changed'; userId: string; state: AgentState; exceptSocket?: string }
  /** A colleague as the team board shows them. */
  | { type: 'team.member.changed'; accountId: string; member: TeamMember }
  /** Where a waiting widget customer stands. */
  | { type: 'queue.status.changed'; channelId: string; contactId: string; status: QueueStatus }
  /** Knowledge articles or quick replies changed: their users read the catalog again. */
  | { type: 'catalog.changed'; accountId: string; audience: CatalogAudience }
  /** The sensitive word list changed: every workstation of the account reads it again. */
  | { type: 'sensitive.words.changed'; accountId: string }
  /** The conversation tag list or its settings changed: every workstation of the account reads them again. */
  | { type: 'conversation.tags.changed'; accountId: string }
  /** A contact's profile changed (tags, merge, identities). */
  | { type: 'contact.changed'; accountId: string; contact: Contact }
  /** A platform reply's delivery state moved; those who may read the conversation are told. */
  | { type: 'delivery.changed'; accountId: string; assigneeId: string | null; delivery: MessageDeliveryPush }
  /** A customer's file was stored (or refused, or given up on); those who may read the conversation are told. */
  | { type: 'attachment.changed'; accountId: string; assigneeId: string | null; push: MessageAttachmentPush }
  /** An agent read a widget customer's messages up to `upToSeq`: the customer's page shows them read. */
  | { type: 'conversation.read'; channelId: string; contactId: string; upToSeq: number }
  /** A customer has waited longer than the escalation time: supervisors and admins are alerted. */
  | { type: 'queue.escalated'; accountId: string; alert: EscalationAlert }
  /**
   * A ticket's SLA target is near or missed: `userIds` (its assignee and department leads) hear the
   * notices; the sequence numbers the history lines took are ticked to the account's desktops.
   */
  | { type: 'ticket.sla'; accountId: string; userIds: string[]; notices: AgentPush<'ticket:sla'>[]; seqs: number[] }
  /** A supervisor took a conversation from `userId`. */
  | { type: 'conversation.taken'; userId: string; notice: AgentPush<'conversation:taken'> }
  /** `userId` was mentioned in an internal note. */
  | { type: 'note.mentioned'; userId: string; notice: AgentPush<'note:mention'> }
  /** A user's role changed or they were deactivated: their live sessions end and reconnect. */
  | { type: 'user.sessions.ended'; userId: string }
  /** One sign-in session ended (signed out, or its refresh token was reused): its connections close. */
  | { type: 'auth.session.ended'; sessionId: string }
  /**
   * A ticket changed under sequence numbers `seqs` (with the history lines that change wrote):
   * supervisors, admins and `userIds` (who may see it by name) are told; every agent desk hears
   * that the numbers were used.
   */
  | { type: 'ticket.changed'; accountId: string; seqs: number[]; ticket: Ticket; events: TicketEvent[]; userIds: string[] }
  /** `userId` was mentioned in an internal comment of a ticket. */
  | { type: 'ticket.mentioned'; userId: string; notice: TicketMentionNotice };

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type DomainEventListener<T extends DomainEventType> = (event: DomainEventOf<T>) => void | Promise<void>;

/** How domain code tells the rest of the server what changed (Chatwoot's dispatcher → listeners). */
export interface DomainEvents {
  /**
   * Hands the event to every listener, synchronously and in the order they subscribed. Resolves
   * once asynchronous listeners finished; never rejects (a listener's failure is logged).
   */
  emit(event: DomainEvent): Promise<void>;
  /** Subscribes to one type of event; returns the unsubscribe. */
  on<T extends DomainEventType>(type: T, listener: DomainEventListener<T>): () => void;
}

/** The in-process bus: one per server node. */
export class EventBus implements DomainEvents {
  // Stored untyped: `on` only ever files a listener under the type it was written for.
  private readonly listeners = new Map<DomainEventType, Set<(event: DomainEvent) => void | Promise<void>>>();

  constructor(private readonly logError: ErrorLogger) {}

  emit(event: DomainEvent): Promise<void> {
    const waiting: Promise<void>[] = [];
    for (const listener of this.listeners.get(event.type) ?? []) {
      try {
        const result = listener(event);
        if (result) waiting.push(result.catch((err: unknown) => this.logError(err, `event ${event.type}`)));
      } catch (err) {
        this.logError(err, `event ${event.type}`);
      }
    }
    return Promise.all(waiting).then(() => undefined);
  }

  on<T extends DomainEventType>(type: T, listener: DomainEventListener<T>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    const untyped = listener as unknown as (event: DomainEvent) => void | Promise<void>;
    set.add(untyped);
    return () => void set.delete(untyped);
  }
}
