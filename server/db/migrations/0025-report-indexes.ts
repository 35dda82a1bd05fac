/**
 * Indexes for the reports (server/domain/reports, definitions in shared/reports.ts), so each
 * report reads only the period it covers:
 * - conversations_created_idx: the conversations started in a period (volume, times, queue, bot).
 * - messages_agent_reply_idx: a conversation's first public agent reply (first response,
 *   answered, abandoned), one index probe per conversation.
 * - bot_turns_handoff_idx: the bot's handoffs since a period's start (queue entry of each
 *   conversation the bot handed to the queue).
 * - bot_turns_created_idx: the customer messages the bot scored in a period (sentiment).
 * - conversation_tag_links_date_idx: the tags put on conversations in a period, whatever the tag.
 * No rollup tables: the bench (test/bench/reports.bench.ts) measures every report under 1 s at
 * 100,000 conversations and 1,000,000 messages with these.
 */
export const name = 'report-indexes';

export const sql = /* sql */ `
CREATE INDEX conversations_created_idx ON conversations (account_id, created_at);
CREATE INDEX messages_agent_reply_idx ON messages (conversation_id, created_at) WHERE sender_type = 'agent' AND NOT internal;
CREATE INDEX bot_turns_handoff_idx ON bot_turns (account_id, created_at) WHERE action = 'handoff';
CREATE INDEX bot_turns_created_idx ON bot_turns (account_id, created_at);
CREATE INDEX conversation_tag_links_date_idx ON conversation_tag_links (account_id, added_at);
`;
