import type { Draft, InboxConversation } from '../../../shared/contract';
import { replyMaskPolicySchema, type Contact, type Conversation, type KbArticle, type Message, type ReplyMaskPolicy, type SensitiveWord, type Template } from '../../../shared/domain';
import { DEFAULT_REPLY_MASK_POLICY } from '../../../shared/reply-masking';
import type { AppErrorShape } from '../../../shared/errors';
import type { MessageAttachmentPush } from '../../../shared/attachments';
import { isLaterDelivery, type MessageDeliveryPush } from '../../../shared/channels';
import { indexArticles } from '../knowledge/search-index';
import type { FieldCipher } from './field-cipher';
import { INBOX_SELECT, toInboxConversation, type InboxRow } from './inbox-rows';
import { MessageTexts, type SearchableMessage } from './message-texts';
import { openContact, openConversation, openMessage, sealContact, sealConversation, sealMessage } from './personal-fields';
import type { SqliteDb, SqlWriter } from './sqlite';

/** The file a reply in the outbox sends: what the thread shows, and the server's id once uploaded. */
export interface OutboxFile {
  name: string;
  mimeType: string;
  size: number;
  /** Set once the bytes are on the server; the send then needs no second upload. */
  fileId: string | null;
}

export interface OutboxRow {
  clientId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  state: 'queued' | 'failed';
  error: AppErrorShape | null;
  attempts: number;
  /** Absent or null: a text reply. */
  file?: OutboxFile | null;
}

type OutboxRecord = {
  client_id: string;
  conversation_id: string;
  body: string;
  created_at: string;
  state: 'queued' | 'failed';
  error: string | null;
  attempts: number;
  file: string | null;
};

const toOutboxRow = (cipher: FieldCipher, r: OutboxRecord): OutboxRow => ({
  clientId: r.client_id,
  conversationId: r.conversation_id,
  body: cipher.open<string>(r.body),
  createdAt: r.created_at,
  state: r.state,
  error: r.error ? (JSON.parse(r.error) as AppErrorShape) : null,
  attempts: r.attempts,
  file: r.file ? cipher.open<OutboxFile>(r.file) : null,
});

type DraftRecord = { conversation_id: string; body: string; updated_at: string; reason: string | null };

const toDraft = (cipher: FieldCipher, r: DraftRecord): Draft => ({
  conversationId: r.conversation_id,
  body: cipher.open<string>(r.body),
  updatedAt: r.updated_at,
  reason: r.reason ? (JSON.parse(r.reason) as AppErrorShape) : null,
});

/** Who has a conversation now and its status, as a removal tells (each part only when told). */
export type ConversationOwner = { assigneeId?: string | null; assigneeName?: string | null; status?: Conversation['status'] };

/** The fields of a stored conversation a removal brings up to date; no offer of it is this agent's any more. */
function ownerPatch(owner: ConversationOwner): Partial<Conversation> {
  const patch: Partial<Conversation> = {};
  if (owner.assigneeId !== undefined) {
    patch.assigneeId = owner.assigneeId;
    patch.assigneeName = owner.assigneeName ?? null;
    if (owner.assigneeId !== null) Object.assign(patch, { routingState: 'assigned', offeredToId: null, offerExpiresAt: null, waitingSince: null });
  }
  if (owner.status !== undefined) patch.status = owner.status;
  return patch;
}

/** What happened to a conversation the server says this agent may no longer see. */
export type RemovalOutcome = 'deleted' | 'kept-lost' | 'absent';

type RemovedThread = {
  conversation: { id: string; seq: number; last_message_at: string; data: string };
  messages: { id: string; conversation_id: string; seq: number; client_id: string | null; data: string }[];
};
const RECENTLY_REMOVED_LIMIT = 20;

/**
 * The client's local cache: every read the UI makes is answered from here, every server answer
 * and push is written here first. Methods taking `tx` run inside a `SqliteDb.write` transaction.
 * Personal data is sealed with `cipher` on the way in and opened on the way out (personal-fields.ts).
 */
export class CacheStore {
  /**
   * What this process stored already (conversation seqs, message ids), so a push repeating an ack
   * costs no write. Dropped on any rollback; the database stays the truth.
   */
  private readonly knownSeq = new Map<string, number>();
  private readonly recentlyRemoved = new Map<string, RemovedThread>();
  private readonly knownMessages = new Set<string>();
  private readonly texts = new MessageTexts();

  constructor(
    readonly db: SqliteDb,
    readonly cipher: FieldCipher,
  ) {
    db.onRollback(() => {
      this.knownSeq.clear();
      this.knownMessages.clear();
      this.texts.forget();
    });
  }

  /**
   * Answers whether every item is already stored (or queued to be) at least this new, so applying
   * it would change nothing; when not, records them as queued. Check and record happen in one
   * step, so an ack and the push of the same reply never both write.
   */
  claimWrite(conversations: readonly Conversation[], messages: readonly Message[]): boolean {
    const stored =
      conversations.every((c) => (this.knownSeq.get(c.id) ?? -1) >= c.seq) && messages.every((m) => this.knownMessages.has(m.id));
    if (!stored) this.remember(conversations, messages);
    return !stored;
  }

  private remember(conversations: readonly Conversation[], messages: readonly Message[]): void {
    for (const c of conversations) if ((this.knownSeq.get(c.id) ?? -1) < c.seq) this.knownSeq.set(c.id, c.seq);
    if (this.knownMessages.size > 50_000) this.knownMessages.clear();
    for (const m of messages) this.knownMessages.add(m.id);
  }

  // ---- sync cursor ------------------------------------------------------------------------

  async cursor(): Promise<number> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'cursor'");
    return row ? Number(row.value) : 0;
  }

  async setCursor(tx: SqlWriter, cursor: number): Promise<void> {
    await tx.run(
      "INSERT INTO sync_state (key, value) VALUES ('cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(cursor)],
    );
  }

  /** When this account was last connected (ISO), for "offline since" after a restart. */
  async lastOnline(): Promise<string | null> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'last_online_at'");
    return row?.value ?? null;
  }

  async setLastOnline(at: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        "INSERT INTO sync_state (key, value) VALUES ('last_online_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [at],
      ),
    );
  }

  // ---- conversations ------------------------------------------------------------------------

  /** Stores conversations, keeping whichever copy has the higher sequence number. */
  async putConversations(tx: SqlWriter, conversations: readonly Conversation[]): Promise<void> {
    await tx.runMany(
      `INSERT INTO conversations (id, seq, last_message_at, access, data) VALUES (?, ?, ?, 'full', ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, last_message_at = excluded.last_message_at,
         data = excluded.data, access = 'full'
       WHERE excluded.seq >= conversations.seq`,
      conversations.map((c) => [c.id, c.seq, c.lastMessageAt, JSON.stringify(sealConversation(this.cipher, c))]),
    );
    this.remember(conversations, []);
  }

  async conversation(id: string): Promise<InboxConversation | null> {
    const row = await this.db.get<InboxRow>(`${INBOX_SELECT} WHERE c.id = ?`, [id]);
    return row ? openConversation(this.cipher, toInboxConversation(row)) : null;
  }

  /** The customer's name of a conversation, also of one removed a moment ago (a takeover names it). */
  async contactNameOf(id: string): Promise<string | null> {
    const row = await this.db.get<{ data: string }>('SELECT data FROM conversations WHERE id = ?', [id]);
    const data = row?.data ?? this.recentlyRemoved.get(id)?.conversation.data;
    return data ? openConversation(this.cipher, JSON.parse(data) as Conversation).contactName : null;
  }

  /** The inbox: visible conversations, plus lost ones that still hold this agent's unsent text. */
  async inbox(): Promise<InboxConversation[]> {
    const rows = await this.db.all<InboxRow>(
      `${INBOX_SELECT}
       WHERE c.access = 'full'
          OR c.id IN (SELECT conversation_id FROM drafts)
          OR c.id IN (SELECT conversation_id FROM outbox)
       ORDER BY c.last_message_at DESC`,
    );
    return rows.map((row) => openConversation(this.cipher, toInboxConversation(row)));
  }

  /**
   * Forgets a conversation the agent may no longer see, unless it holds their unsent text. A copy
   * kept (now or when text brings it back) shows who has it now, as the removal says.
   */
  async removeConversation(tx: SqlWriter, id: string, owner: ConversationOwner = {}): Promise<RemovalOutcome> {
    const exists = await tx.get('SELECT 1 AS x FROM conversations WHERE id = ?', [id]);
    if (!exists) return 'absent';
    const keeps = await tx.get(
      'SELECT 1 AS x FROM drafts WHERE conversation_id = ? UNION ALL SELECT 1 FROM outbox WHERE conversation_id = ? LIMIT 1',
      [id, id],
    );
    this.knownSeq.delete(id);
    const patch = Object.entries(ownerPatch(owner));
    if (patch.length > 0) {
      // json_set, not json_patch: a merge patch would delete the keys whose new value is null.
      const paths = patch.map(([key]) => `'$.${key}', json(?)`).join(', ');
      await tx.run(`UPDATE conversations SET data = json_set(data, ${paths}) WHERE id = ?`, [...patch.map(([, v]) => JSON.stringify(v)), id]);
    }
    if (keeps) {
      // Messages written while it is not ours never reach us: fetch the thread whole if it comes back.
      await tx.run("UPDATE conversations SET access = 'lost', messages_complete = 0 WHERE id = ?", [id]);
      return 'kept-lost';
    }
    await this.rememberRemoved(tx, id);
    await tx.run('DELETE FROM messages WHERE conversation_id = ?', [id]);
    this.texts.removeConversation(id);
    await tx.run('DELETE FROM conversations WHERE id = ?', [id]);
    return 'deleted';
  }

  /**
   * Keeps the last removed threads in memory: text the agent was typing when the conversation was
   * taken away may reach the cache a moment later, and must still find its conversation.
   */
  private async rememberRemoved(tx: SqlWriter, id: string): Promise<void> {
    const conversation = await tx.get<RemovedThread['conversation']>('SELECT id, seq, last_message_at, data FROM conversations WHERE id = ?', [id]);
    if (!conversation) return;
    const messages = await tx.all<RemovedThread['messages'][number]>(
      'SELECT id, conversation_id, seq, client_id, data FROM messages WHERE conversation_id = ?',
      [id],
    );
    this.recentlyRemoved.delete(id);
    this.recentlyRemoved.set(id, { conversation, messages });
    for (const oldest of this.recentlyRemoved.keys()) {
      if (this.recentlyRemoved.size <= RECENTLY_REMOVED_LIMIT) break;
      this.recentlyRemoved.delete(oldest);
    }
  }

  /** Brings a just-removed conversation back as `lost` (kept only for the agent's text); false when there is none. */
  private async restoreRemoved(tx: SqlWriter, id: string): Promise<boolean> {
    const removed = this.recentlyRemoved.get(id);
    if (!removed || (await tx.get('SELECT 1 AS x FROM conversations WHERE id = ?', [id]))) return false;
    const { conversation: c, messages } = removed;
    await tx.run(
      "INSERT INTO conversations (id, seq, last_message_at, access, messages_complete, data) VALUES (?, ?, ?, 'lost', 0, ?)",
      [c.id, c.seq, c.last_message_at, c.data],
    );
    await tx.runMany(
      'INSERT OR IGNORE INTO messages (id, conversation_id, seq, client_id, data) VALUES (?, ?, ?, ?, ?)',
      messages.map((m) => [m.id, m.conversation_id, m.seq, m.client_id, m.data]),
    );
    this.recentlyRemoved.delete(id);
    this.texts.forget();
    return true;
  }

  /** After a sync from the beginning every visible thread is whole in the cache. */
  async markAllThreadsComplete(tx: SqlWriter): Promise<void> {
    await tx.run("UPDATE conversations SET messages_complete = 1 WHERE access = 'full'");
  }

  async markThreadComplete(tx: SqlWriter, id: string): Promise<void> {
    await tx.run('UPDATE conversations SET messages_complete = 1 WHERE id = ?', [id]);
  }

  async threadComplete(id: string): Promise<boolean> {
    const row = await this.db.get<{ messages_complete: number }>('SELECT messages_complete FROM conversations WHERE id = ?', [id]);
    return row?.messages_complete === 1;
  }

  /**
   * Drops what the server will send again after a reset. Drafts and the outbox stay, and so do
   * the conversations they belong to.
   */
  async resetSyncedData(tx: SqlWriter): Promise<void> {
    this.knownSeq.clear();
    this.knownMessages.clear();
    this.texts.forget();
    await tx.run('DELETE FROM messages');
    await tx.run('DELETE FROM contacts');
    await tx.run(
      `DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM drafts)
         AND id NOT IN (SELECT conversation_id FROM outbox)`,
    );
    await tx.run('UPDATE conversations SET messages_complete = 0');
    await this.setCursor(tx, 0);
  }

  // ---- messages -----------------------------------------------------------------------------

  /**
   * Stores messages once each. A stored message whose client id is still in the outbox means the
   * server has it (the ack may have been lost): that outbox row is done and is returned.
   */
  async putMessages(tx: SqlWriter, messages: readonly Message[]): Promise<OutboxRow[]> {
    if (messages.length === 0) return [];
    // A message stored before keeps everything but its platform delivery, which moves on when the
    // copy coming in is a later state (see isLaterDelivery): a sync or a thread read brings it.
    await tx.runMany(
      `INSERT INTO messages (id, conversation_id, seq, client_id, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = json_set(messages.data, '$.delivery', json(json_extract(excluded.data, '$.delivery')))
         WHERE json_type(excluded.data, '$.delivery') = 'object' AND (
           json_extract(excluded.data, '$.delivery.updatedAt') > COALESCE(json_extract(messages.data, '$.delivery.updatedAt'), '')
           OR (json_extract(excluded.data, '$.delivery.updatedAt') = json_extract(messages.data, '$.delivery.updatedAt')
               AND json(json_extract(excluded.data, '$.delivery')) IS NOT json(json_extract(messages.data, '$.delivery'))))
       ON CONFLICT DO NOTHING`,
      messages.map((m) => [m.id, m.conversationId, m.seq, m.clientId, JSON.stringify(sealMessage(this.cipher, m))]),
    );
    this.remember([], messages);
    this.texts.add(messages);
    const clientIds = messages.map((m) => m.clientId).filter((id): id is string => id !== null);
    if (clientIds.length === 0) return [];
    const done: OutboxRow[] = [];
    for (let i = 0; i < clientIds.length; i += 500) {
      const chunk = clientIds.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(',');
      const rows = await tx.all<OutboxRecord>(`SELECT * FROM outbox WHERE client_id IN (${marks})`, chunk);
      if (rows.length === 0) continue;
      await tx.run(`DELETE FROM outbox WHERE client_id IN (${marks})`, chunk);
      done.push(...rows.map((r) => toOutboxRow(this.cipher, r)));
    }
    return done;
  }

  /**
   * Moves cached replies on to a later delivery state; answers the messages that changed (ones
   * not cached, or already as far, are left alone).
   */
  async putDeliveries(tx: SqlWriter, updates: readonly MessageDeliveryPush[]): Promise<Message[]> {
    const changed: Message[] = [];
    for (const update of updates) {
      const row = await tx.get<{ data: string }>('SELECT data FROM messages WHERE id = ? AND conversation_id = ?', [
        update.messageId,
        update.conversationId,
      ]);
      if (!row) continue;
      const stored = JSON.parse(row.data) as Message;
      if (!isLaterDelivery(update.delivery, stored.delivery)) continue;
      const next: Message = { ...stored, delivery: update.delivery };
      await tx.run('UPDATE messages SET data = ? WHERE id = ?', [JSON.stringify(next), update.messageId]);
      changed.push(openMessage(this.cipher, next));
    }
    return changed;
  }

  /**
   * Gives a cached customer message its file's new state (stored, refused, failed); answers the
   * message as it is now, or null when it is not cached.
   */
  async putAttachment(tx: SqlWriter, update: MessageAttachmentPush): Promise<Message | null> {
    const row = await tx.get<{ data: string }>('SELECT data FROM messages WHERE id = ? AND conversation_id = ?', [update.messageId, update.conversationId]);
    if (!row) return null;
    const next: Message = { ...openMessage(this.cipher, JSON.parse(row.data) as Message), attachment: update.attachment };
    await tx.run('UPDATE messages SET data = ? WHERE id = ?', [JSON.stringify(sealMessage(this.cipher, next)), update.messageId]);
    this.texts.forget();
    return next;
  }

  /**
   * Replies in conversations active since `since` (ISO) whose delivery may still move on (every
   * state but failed), newest conversations first: after a reconnect their state is read again.
   */
  async deliveriesInFlight(since: string, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT m.id FROM conversations c JOIN messages m ON m.conversation_id = c.id
       WHERE c.last_message_at >= ? AND m.author IN ('agent', 'bot', 'system')
         AND json_extract(m.data, '$.delivery.status') IN ('pending', 'sent', 'delivered', 'read')
       ORDER BY c.last_message_at DESC, m.seq DESC LIMIT ?`,
      [since, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The newest `limit` stored messages of a thread, oldest first. */
  async thread(conversationId: string, limit?: number): Promise<Message[]> {
    const rows = limit
      ? await this.db.all<{ data: string }>(
          'SELECT data FROM (SELECT data, seq FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
          [conversationId, limit],
        )
      : await this.db.all<{ data: string }>('SELECT data FROM messages WHERE conversation_id = ? ORDER BY seq', [conversationId]);
    return rows.map((r) => openMessage(this.cipher, JSON.parse(r.data) as Message));
  }

  /**
   * Every message a search may find (system lines aside), newest first, opened: the bodies are
   * sealed on the disk, so words are looked for in memory (message-texts.ts), not in SQL.
   */
  searchableMessages(): Promise<readonly SearchableMessage[]> {
    return this.texts.newest(() => this.readSearchable());
  }

  private async readSearchable(): Promise<SearchableMessage[]> {
    const rows = await this.db.all<{ id: string; conversation_id: string; seq: number; body: string | null; created_at: string | null }>(
      `SELECT id, conversation_id, seq, json_extract(data, '$.body') AS body, json_extract(data, '$.createdAt') AS created_at
       FROM messages WHERE author IS NOT 'system'`,
    );
    return rows.map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      seq: r.seq,
      body: r.body === null ? '' : this.cipher.open<string>(r.body),
      createdAt: r.created_at ?? '',
    }));
  }

  // ---- contacts, knowledge, quick replies -------------------------------------------------------

  async putContacts(tx: SqlWriter, contacts: readonly Contact[]): Promise<void> {
    await tx.runMany(
      'INSERT INTO contacts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
      contacts.map((c) => [c.id, JSON.stringify(sealContact(this.cipher, c))]),
    );
  }

  /** Gives a renamed customer's cached conversations the new name (and whether it was made up); answers the ids that changed. */
  async renameContactConversations(tx: SqlWriter, contact: Pick<Contact, 'id' | 'name' | 'nameGenerated'>): Promise<string[]> {
    const generated = contact.nameGenerated === true;
    const rows = await tx.all<{ id: string; data: string }>("SELECT id, data FROM conversations WHERE json_extract(data, '$.contactId') = ?", [
      contact.id,
    ]);
    const changed: string[] = [];
    for (const row of rows) {
      // The names are sealed: compared here, not in SQL.
      const { contactNameGenerated, ...stored } = openConversation(this.cipher, JSON.parse(row.data) as Conversation);
      if (stored.contactName === contact.name && (contactNameGenerated === true) === generated) continue;
      const next: Conversation = { ...stored, contactName: contact.name, ...(generated ? { contactNameGenerated: true } : {}) };
      await tx.run('UPDATE conversations SET data = ? WHERE id = ?', [JSON.stringify(sealConversation(this.cipher, next)), row.id]);
      changed.push(row.id);
    }
    return changed;
  }

  async contact(id: string): Promise<Contact | null> {
    const row = await this.db.get<{ data: string }>('SELECT data FROM contacts WHERE id = ?', [id]);
    return row ? openContact(this.cipher, JSON.parse(row.data) as Contact) : null;
  }

  /** Replaces the knowledge articles and quick replies with the server's current set; the search index follows. */
  async replaceCatalog(tx: SqlWriter, articles: readonly KbArticle[], templates: readonly Template[]): Promise<void> {
    await tx.run('DELETE FROM kb_articles');
    await tx.runMany(
      'INSERT INTO kb_articles (id, lang, title, body, data) VALUES (?, ?, ?, ?, ?)',
      articles.map((a) => [a.id, a.lang, a.title, a.body, JSON.stringify(a)]),
    );
    await indexArticles(tx, articles);
    await tx.run('DELETE FROM templates');
    await tx.runMany(
      'INSERT INTO templates (id, shortcut, data) VALUES (?, ?, ?)',
      templates.map((t) => [t.id, t.shortcut, JSON.stringify(t)]),
    );
  }

  /** Stores one quick reply the server just accepted (the next catalog refresh brings the same). */
  async putTemplate(tx: SqlWriter, template: Template): Promise<void> {
    await tx.run(
      'INSERT INTO templates (id, shortcut, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET shortcut = excluded.shortcut, data = excluded.data',
      [template.id, template.shortcut, JSON.stringify(template)],
    );
  }

  async removeTemplate(tx: SqlWriter, id: string): Promise<void> {
    await tx.run('DELETE FROM templates WHERE id = ?', [id]);
  }

  async articles(): Promise<KbArticle[]> {
    const rows = await this.db.all<{ data: string }>('SELECT data FROM kb_articles ORDER BY title');
    return rows.map((r) => JSON.parse(r.data) as KbArticle);
  }

  async templates(): Promise<Template[]> {
    const rows = await this.db.all<{ data: string }>('SELECT data FROM templates ORDER BY shortcut');
    // Replies cached before categories existed have none.
    return rows.map((r) => {
      const template = JSON.parse(r.data) as Omit<Template, 'category'> & { category?: string };
      return { ...template, category: template.category ?? '' };
    });
  }

  async replaceSensitiveWords(tx: SqlWriter, words: readonly SensitiveWord[]): Promise<void> {
    await tx.run('DELETE FROM sensitive_words');
    await tx.runMany(
      'INSERT INTO sensitive_words (id, data) VALUES (?, ?)',
      words.map((w) => [w.id, JSON.stringify(w)]),
    );
  }

  /** The account's reply masking setting as last read; on (the server's default) until then. */
  async replyMaskPolicy(): Promise<ReplyMaskPolicy> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'reply_mask_policy'");
    const parsed = row ? replyMaskPolicySchema.safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data : DEFAULT_REPLY_MASK_POLICY;
  }

  async setReplyMaskPolicy(tx: SqlWriter, policy: ReplyMaskPolicy): Promise<void> {
    await tx.run(
      "INSERT INTO sync_state (key, value) VALUES ('reply_mask_policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [JSON.stringify(policy)],
    );
  }

  async sensitiveWords(): Promise<SensitiveWord[]> {
    const rows = await this.db.all<{ data: string }>('SELECT data FROM sensitive_words ORDER BY id');
    return rows.map((r) => JSON.parse(r.data) as SensitiveWord);
  }

  // ---- drafts -------------------------------------------------------------------------------

  async draft(conversationId: string): Promise<Draft | null> {
    const row = await this.db.get<DraftRecord>('SELECT * FROM drafts WHERE conversation_id = ?', [conversationId]);
    return row ? toDraft(this.cipher, row) : null;
  }

  /** Saves (or, for an empty body, deletes) a draft; answers what is stored now. */
  async putDraft(tx: SqlWriter, draft: Draft): Promise<Draft | null> {
    if (draft.body.length === 0) {
      await tx.run('DELETE FROM drafts WHERE conversation_id = ?', [draft.conversationId]);
      return null;
    }
    await this.restoreRemoved(tx, draft.conversationId);
    await tx.run(
      `INSERT INTO drafts (conversation_id, body, updated_at, reason) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, reason = excluded.reason`,
      [draft.conversationId, this.cipher.seal(draft.body), draft.updatedAt, draft.reason ? JSON.stringify(draft.reason) : null],
    );
    return draft;
  }

  // ---- outbox -------------------------------------------------------------------------------

  async addToOutbox(tx: SqlWriter, row: OutboxRow): Promise<void> {
    await tx.run(
      'INSERT INTO outbox (client_id, conversation_id, body, created_at, state, error, attempts, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        row.clientId,
        row.conversationId,
        this.cipher.seal(row.body),
        row.createdAt,
        row.state,
        row.error ? JSON.stringify(row.error) : null,
        row.attempts,
        row.file ? this.cipher.seal(row.file) : null,
      ],
    );
  }

  /** Records what the server kept of a reply's file (its id), so the send never uploads it again. */
  async setOutboxFile(tx: SqlWriter, clientId: string, file: OutboxFile): Promise<void> {
    await tx.run('UPDATE outbox SET file = ? WHERE client_id = ?', [this.cipher.seal(file), clientId]);
  }

  async outboxEntry(clientId: string): Promise<OutboxRow | null> {
    const row = await this.db.get<OutboxRecord>('SELECT * FROM outbox WHERE client_id = ?', [clientId]);
    return row ? toOutboxRow(this.cipher, row) : null;
  }

  /** Every outbox entry, in the order written. */
  async outbox(conversationId?: string): Promise<OutboxRow[]> {
    const rows = conversationId
      ? await this.db.all<OutboxRecord>('SELECT * FROM outbox WHERE conversation_id = ? ORDER BY client_id', [conversationId])
      : await this.db.all<OutboxRecord>('SELECT * FROM outbox ORDER BY client_id');
    return rows.map((r) => toOutboxRow(this.cipher, r));
  }

  async setOutboxState(tx: SqlWriter, clientId: string, state: OutboxRow['state'], error: AppErrorShape | null): Promise<void> {
    await tx.run('UPDATE outbox SET state = ?, error = ?, attempts = attempts + ? WHERE client_id = ?', [
      state,
      error ? JSON.stringify(error) : null,
      state === 'failed' ? 1 : 0,
      clientId,
    ]);
  }

  async removeFromOutbox(tx: SqlWriter, clientIds: readonly string[]): Promise<void> {
    for (const id of clientIds) await tx.run('DELETE FROM outbox WHERE client_id = ?', [id]);
  }
}
