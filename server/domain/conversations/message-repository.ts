import { attachmentSchema, channelDetailsSchema, type Attachment, type AttachmentFileState, type ChannelDetails, type DeliveryStatus, type Message, type MessageDelivery, type SenderType } from '../../../shared/domain';
import { systemLineSchema, type SystemLine } from '../../../shared/system-lines';
import type { Queryable } from '../../db/db';
import { ACCESS_COLUMNS, toAccess, toIso, type AccessRow, type SeqRange } from './conversation-repository';
import { messageChoicesSchema, type MessageChoice } from './message-choices';
import type { ConversationAccess } from './permissions';

type MessageRow = {
  id: string;
  account_id: string;
  conversation_id: string;
  seq: number;
  sender_type: SenderType;
  sender_id: string | null;
  sender_name: string | null;
  body: string;
  client_id: string | null;
  created_at: Date | string;
  internal: boolean;
  attachment: unknown;
  system_line: unknown;
  channel_details: unknown;
  delivery_status: string | null;
  delivery_error: string | null;
  delivery_attempts: number | null;
  delivery_updated_at: Date | string | null;
  choices?: unknown;
  file_id?: string | null;
  file_state?: AttachmentFileState | null;
  file_size?: number | string | null;
  file_mime_type?: string | null;
  file_playable_mime_type?: string | null;
};

/**
 * A message as clients see it, plus its account for checks and the picks it offers (the bot's
 * "which one did you mean?"), which only the customer's side shows as buttons.
 */
export type MessageView = Message & { accountId: string; choices?: MessageChoice[] };

const VIEW_COLUMNS = `
  m.id, m.account_id, m.conversation_id, m.seq, m.sender_type, m.sender_id,
  CASE m.sender_type WHEN 'agent' THEN u.name WHEN 'contact' THEN ct.name ELSE NULL END AS sender_name,
  m.body, m.client_id, m.created_at, m.internal, m.attachment, m.system_line, m.channel_details,
  d.status AS delivery_status, d.last_error AS delivery_error, d.attempts AS delivery_attempts, d.updated_at AS delivery_updated_at,
  mc.choices, f.id AS file_id, f.state AS file_state, f.size AS file_size, f.mime_type AS file_mime_type,
  f.playable_mime_type AS file_playable_mime_type`;

/** The joins of a message's view over `source` (the table, or an INSERT's RETURNING rows), aliased `m`. */
const viewFrom = (source: string) => `
  FROM ${source} m
  LEFT JOIN users u ON m.sender_type = 'agent' AND u.id = m.sender_id
  LEFT JOIN contacts ct ON m.sender_type = 'contact' AND ct.id = m.sender_id
  LEFT JOIN channel_deliveries d ON d.message_id = m.id
  LEFT JOIN message_choices mc ON mc.message_id = m.id
  LEFT JOIN attachments f ON f.message_id = m.id AND f.position = 0`;

const VIEW_FROM = viewFrom('messages');

const SELECT_VIEW = `SELECT ${VIEW_COLUMNS} ${VIEW_FROM}`;

function toView(row: MessageRow): MessageView {
  const view: MessageView = {
    id: row.id,
    accountId: row.account_id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderType: row.sender_type,
    senderId: row.sender_id,
    senderName: row.sender_name,
    body: row.body,
    clientId: row.client_id,
    createdAt: toIso(row.created_at),
    internal: row.internal === true,
  };
  // Present only when there is something to say, so plain messages keep their old shape.
  const attachment = parseJsonColumn(attachmentSchema, row.attachment);
  if (attachment) view.attachment = row.file_id ? withStoredFile(attachment, row) : attachment;
  const system = parseJsonColumn(systemLineSchema, row.system_line);
  if (system) view.system = system;
  const details = parseJsonColumn(channelDetailsSchema, row.channel_details);
  if (details) view.channelDetails = details;
  const choices = parseJsonColumn(messageChoicesSchema, row.choices);
  if (choices && choices.length > 0) view.choices = choices;
  if (row.delivery_status !== null && row.delivery_status !== undefined) {
    view.delivery = toDelivery({ ...row, delivery_status: row.delivery_status, delivery_updated_at: row.delivery_updated_at ?? row.created_at });
  }
  return view;
}

/** A `channel_deliveries` row's state as clients see it. */
export function toDelivery(row: {
  delivery_status: string;
  delivery_error: string | null;
  delivery_attempts: number | string | null;
  delivery_updated_at: Date | string;
}): MessageDelivery {
  return {
    // 'sending' is an attempt in flight: still pending for whoever reads the thread.
    status: (row.delivery_status === 'sending' ? 'pending' : row.delivery_status) as DeliveryStatus,
    reason: row.delivery_error,
    attempts: Number(row.delivery_attempts ?? 0),
    updatedAt: toIso(row.delivery_updated_at),
  };
}

/** The message's attachment with our stored copy of its file: its id and state, and once stored what its bytes are. */
function withStoredFile(attachment: Attachment, row: MessageRow): Attachment {
  const stored = row.file_state === 'ready';
  return {
    ...attachment,
    fileId: row.file_id!,
    state: row.file_state ?? 'pending',
    mimeType: stored && row.file_mime_type ? row.file_mime_type : attachment.mimeType,
    size: row.file_size !== null && row.file_size !== undefined ? Number(row.file_size) : attachment.size,
    ...(stored && row.file_playable_mime_type ? { playable: true } : {}),
  };
}

function parseJsonColumn<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : null;
}

export function toMessage(view: MessageView): Message {
  const { accountId: _accountId, choices: _choices, ...message } = view;
  return message;
}

export async function getMessageView(db: Queryable, id: string): Promise<MessageView | null> {
  const rows = await db.query<MessageRow>(`${SELECT_VIEW} WHERE m.id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** A message with the current access to its conversation, for filtering by permission. */
export type MessageWithAccess = { message: MessageView; access: ConversationAccess };

/**
 * Several messages by id whose seq lies in `range`, with their conversation's current access,
 * in sequence order (one query however many ids).
 */
export async function getMessagesWithAccess(db: Queryable, ids: readonly string[], range: SeqRange): Promise<MessageWithAccess[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<MessageRow & AccessRow>(
    `SELECT ${VIEW_COLUMNS}, ${ACCESS_COLUMNS} ${VIEW_FROM}
     JOIN conversations c ON c.id = m.conversation_id
     WHERE m.account_id = $1 AND m.seq > $2 AND m.seq <= $3 AND m.id = ANY($4::text[]) ORDER BY m.seq`,
    [range.accountId, range.after, range.upTo, [...ids]],
  );
  return rows.map((row) => ({ message: toView(row), access: toAccess(row) }));
}

export async function findMessageByClientId(db: Queryable, clientId: string): Promise<MessageView | null> {
  const rows = await db.query<MessageRow>(`${SELECT_VIEW} WHERE m.client_id = $1`, [clientId]);
  return rows[0] ? toView(rows[0]) : null;
}

/** A conversation's messages in sequence order. */
export async function listConversationMessages(db: Queryable, conversationId: string): Promise<MessageView[]> {
  const rows = await db.query<MessageRow>(`${SELECT_VIEW} WHERE m.conversation_id = $1 ORDER BY m.seq`, [conversationId]);
  return rows.map(toView);
}

/** Every message a contact exchanged on one channel, across its conversations, in order. */
export async function listContactChannelMessages(db: Queryable, contactId: string, channelId: string): Promise<MessageView[]> {
  const rows = await db.query<MessageRow>(
    `${SELECT_VIEW} JOIN conversations c ON c.id = m.conversation_id
     WHERE c.contact_id = $1 AND c.channel_id = $2 AND NOT m.internal ORDER BY m.seq`,
    [contactId, channelId],
  );
  return rows.map(toView);
}

export type NewMessage = {
  id: string;
  accountId: string;
  conversationId: string;
  seq: number;
  senderType: SenderType;
  senderId: string | null;
  body: string;
  clientId: string | null;
  /** Agents-only note (never to the customer or a channel). */
  internal?: boolean;
  /** What a platform message carried besides text. */
  attachment?: Attachment | null;
  /** A line the system wrote, as a code shown in each reader's language (the body is its English). */
  system?: SystemLine | null;
  /** What the platform said about it beyond its text (a reaction, a quote, contact cards, a number change). */
  channelDetails?: ChannelDetails | null;
};

const INSERT_MESSAGE = `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, client_id, internal, attachment, system_line, channel_details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)`;

function insertParams(m: NewMessage): unknown[] {
  return [m.id, m.accountId, m.conversationId, m.seq, m.senderType, m.senderId, m.body, m.clientId, m.internal ?? false,
    m.attachment ? JSON.stringify(m.attachment) : null, m.system ? JSON.stringify(m.system) : null,
    m.channelDetails ? JSON.stringify(m.channelDetails) : null];
}

export async function insertMessage(tx: Queryable, m: NewMessage): Promise<void> {
  await tx.query(INSERT_MESSAGE, insertParams(m));
}

/**
 * Inserts a message and reads its view back in the same statement (one round trip). The view is
 * as of the insert: files, deliveries or choices recorded after it need `getMessageView`.
 */
export async function insertMessageView(tx: Queryable, m: NewMessage): Promise<MessageView> {
  const rows = await tx.query<MessageRow>(`WITH m AS (${INSERT_MESSAGE} RETURNING *) SELECT ${VIEW_COLUMNS} ${viewFrom('m')}`, insertParams(m));
  return toView(rows[0]!);
}
