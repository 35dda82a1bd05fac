import type { Server } from 'socket.io';
import { TYPING_REPEAT_MS, type User } from '../../shared/domain';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';
import type { Queryable } from '../db/db';
import type { Clock } from '../lib/clock';
import { conversationRooms } from './audience';
import { visitorRoom } from './rooms';

type Told = { typing: boolean; at: number };

/** Remembered flags past this many are dropped (oldest first): a forgotten flag only means one repeat. */
const MAX_REMEMBERED = 10_000;

/**
 * "Is typing" between a widget customer and the agents, as a flag (never the text). Each side says
 * it again every few seconds while typing and the other side lets it lapse, so nothing here needs
 * a timer. A repeat sooner than TYPING_REPEAT_MS is dropped; a change always goes out.
 */
export class TypingRelay {
  private readonly told = new Map<string, Told>();

  constructor(
    private readonly io: Server,
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  /**
   * The customer typing on their open conversation on the widget channel: told to the agents who
   * may read it (its assignee and the supervisors, or every agent while unassigned).
   */
  async contact(session: { accountId: string; channelId: string; contactId: string }, typing: boolean): Promise<void> {
    const key = `contact:${session.channelId}:${session.contactId}`;
    if (!this.due(key, typing)) return;
    const rows = await this.db.query<{ id: string; assignee_id: string | null }>(
      "SELECT id, assignee_id FROM conversations WHERE contact_id = $1 AND channel_id = $2 AND account_id = $3 AND status = 'open'",
      [session.contactId, session.channelId, session.accountId],
    );
    const open = rows[0];
    if (!open) {
      this.told.delete(key);
      return;
    }
    this.io.of(AGENT_NAMESPACE).to(conversationRooms(session.accountId, open.assignee_id)).emit('contact:typing', { conversationId: open.id, typing });
  }

  /**
   * An agent's typing in a conversation they may read (the caller checked): told to the customer
   * only while it is a reply to them, never a note or a whisper.
   */
  async agent(user: User, conversationId: string, typing: boolean): Promise<void> {
    const key = `agent:${user.id}:${conversationId}`;
    if (!this.due(key, typing)) return;
    const rows = await this.db.query<{ channel_id: string; contact_id: string }>(
      'SELECT channel_id, contact_id FROM conversations WHERE id = $1 AND account_id = $2',
      [conversationId, user.accountId],
    );
    const row = rows[0];
    if (!row) return;
    this.io.of(VISITOR_NAMESPACE).to(visitorRoom(row.channel_id, row.contact_id)).emit('agent:typing', { typing });
  }

  /** Whether this flag is worth saying now, and if so remembers it as said. */
  private due(key: string, typing: boolean): boolean {
    const now = this.clock();
    const last = this.told.get(key);
    if (!typing && !last?.typing) return false;
    if (typing && last?.typing && now - last.at < TYPING_REPEAT_MS) return false;
    this.told.delete(key);
    if (typing) {
      this.told.set(key, { typing, at: now });
      if (this.told.size > MAX_REMEMBERED) this.told.delete(this.told.keys().next().value!);
    }
    return true;
  }
}
