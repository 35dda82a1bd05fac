import { createHash } from 'node:crypto';
import type { Db } from '../../server/db/db';

export type BulkSeed = {
  accountId: string;
  /** The account's sequence after the seed: the cursor a full sync ends at. */
  headSeq: number;
  /** The id of conversation number `i` (1-based), as the seed made it. */
  conversationId(i: number): string;
  conversations: number;
  messages: number;
};

/**
 * Writes `conversations` conversations with `perConversation` messages each straight into the
 * server's tables with a few INSERT … SELECT over generate_series, in the shapes the repositories
 * write (a contact per conversation on the widget channel, messages with client ids, senders that
 * resolve to names). Sequence numbers continue the account's: conversation i's messages take the
 * numbers just before the conversation's own, as if each had been written live, and the account's
 * change sequence moves on to the highest one (nothing else writes while a bench seeds).
 */
export async function seedBulk(db: Db, tag: string, conversations: number, perConversation: number): Promise<BulkSeed> {
  return db.transaction(async (tx) => {
    const [account] = await tx.query<{ id: string; seq: number }>(
      "SELECT a.id, pg_sequence_last_value(change_seq_name(a.id)::regclass) AS seq FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.email = 'supervisor@demo.test' FOR UPDATE OF a",
    );
    if (!account) throw new Error('the demo account is missing');
    const [channel] = await tx.query<{ id: string }>(
      "SELECT id FROM channels WHERE account_id = $1 AND kind = 'widget' ORDER BY created_at, id LIMIT 1",
      [account.id],
    );
    const [agent] = await tx.query<{ id: string }>("SELECT id FROM users WHERE email = 'wang.fang@demo.test'");
    if (!channel || !agent) throw new Error('the demo channel or agent is missing');
    const base = Number(account.seq);
    const step = perConversation + 1;
    const params = [account.id, channel.id, agent.id, base, step, conversations, perConversation, tag];

    await tx.query(
      `INSERT INTO contacts (id, account_id, name, email)
       SELECT md5($3 || '-contact-' || i)::uuid::text, $1, 'Bench 客户 ' || i, 'bench' || i || '@example.test'
       FROM generate_series(1, $2::int) AS i`,
      [account.id, conversations, tag],
    );
    await tx.query(
      `INSERT INTO conversations (id, account_id, channel_id, contact_id, status, assignee_id, seq,
         last_message_at, last_message_preview, last_message_sender_type, created_at)
       SELECT md5($8 || '-conversation-' || i)::uuid::text, $1, $2, md5($8 || '-contact-' || i)::uuid::text, 'open',
              CASE WHEN i % 2 = 0 THEN $3 ELSE NULL END,
              $4::bigint + i * $5::int,
              now() - make_interval(mins => ($6::int - i) * 10),
              'Thanks for waiting! Order SO-' || (10000 + i) || ' left our warehouse yesterday; tracking follows. #' || $7::int,
              'agent',
              now() - make_interval(mins => ($6::int - i) * 10 + $7::int)
       FROM generate_series(1, $6::int) AS i`,
      params,
    );
    // Messages: odd ones from the customer, even ones from the agent; every one has a client id.
    await tx.query(
      `INSERT INTO messages (id, account_id, conversation_id, seq, sender_type, sender_id, body, client_id, created_at)
       SELECT md5($7 || '-message-' || i || '-' || k)::uuid::text, $1, md5($7 || '-conversation-' || i)::uuid::text,
              $3::bigint + (i - 1) * $4::int + k,
              CASE WHEN k % 2 = 1 THEN 'contact' ELSE 'agent' END,
              CASE WHEN k % 2 = 1 THEN md5($7 || '-contact-' || i)::uuid::text ELSE $2 END,
              CASE WHEN k % 2 = 1
                THEN '您好，我的订单 SO-' || (10000 + i) || ' 还没有收到，能帮我查一下物流吗？第 ' || k || ' 条'
                ELSE 'Thanks for waiting! Order SO-' || (10000 + i) || ' left our warehouse yesterday; tracking follows. #' || k
              END,
              md5($7 || '-client-' || i || '-' || k)::uuid::text,
              now() - make_interval(mins => ($5::int - i) * 10 + ($6::int - k))
       FROM generate_series(1, $5::int) AS i, generate_series(1, $6::int) AS k`,
      [account.id, agent.id, base, step, conversations, perConversation, tag],
    );
    const headSeq = base + conversations * step;
    await tx.query('SELECT setval(change_seq_name($1), $2, true)', [account.id, headSeq]);
    return {
      accountId: account.id,
      headSeq,
      conversations,
      messages: conversations * perConversation,
      conversationId: (i: number) => md5Uuid(`${tag}-conversation-${i}`),
    };
  });
}

/** The id the seed's md5(…)::uuid::text gives for `text`. */
function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
