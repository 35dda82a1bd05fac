/**
 * Routing, queue and presence: where each conversation stands on its way to a person, the
 * agents' availability, skill-group limits and business hours, and the account's timings.
 */
export const name = 'routing';

export const sql = /* sql */ `
ALTER TABLE accounts
  ADD COLUMN auto_away_seconds int NOT NULL DEFAULT 600 CHECK (auto_away_seconds > 0),
  ADD COLUMN reconnect_grace_seconds int NOT NULL DEFAULT 180 CHECK (reconnect_grace_seconds >= 0),
  ADD COLUMN accept_timeout_seconds int NOT NULL DEFAULT 30 CHECK (accept_timeout_seconds > 0);

ALTER TABLE users
  ADD COLUMN presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'busy', 'away', 'offline')),
  ADD COLUMN presence_changed_at timestamptz,
  -- Set when the user's last socket went away; null while connected (or never connected).
  ADD COLUMN disconnected_at timestamptz,
  ADD COLUMN last_assigned_at timestamptz;

ALTER TABLE skill_groups
  ADD COLUMN max_chats_per_agent int CHECK (max_chats_per_agent > 0),
  -- {"timezone": "Asia/Shanghai", "days": {"mon": [["09:00", "18:00"]], ...}}; null = always open.
  ADD COLUMN business_hours jsonb,
  ADD COLUMN keywords jsonb NOT NULL DEFAULT '[]'::jsonb;

ALTER TABLE conversations
  ADD COLUMN group_id text REFERENCES skill_groups(id) ON DELETE SET NULL,
  ADD COLUMN priority int NOT NULL DEFAULT 0,
  ADD COLUMN routing_state text NOT NULL DEFAULT 'queued'
    CHECK (routing_state IN ('bot', 'queued', 'offered', 'assigned', 'pending')),
  ADD COLUMN offered_to text REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN offer_expires_at timestamptz,
  ADD COLUMN waiting_since timestamptz,
  ADD COLUMN summary text,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN resolved_at timestamptz;

-- Conversations already assigned before routing existed are assigned.
UPDATE conversations SET routing_state = 'assigned', assigned_at = created_at WHERE assignee_id IS NOT NULL;
UPDATE conversations SET waiting_since = created_at WHERE assignee_id IS NULL AND status = 'open';

-- The queue: open conversations waiting or offered, walked per account in routing order.
CREATE INDEX conversations_queue_idx ON conversations (account_id, priority DESC, waiting_since, id)
  WHERE status = 'open' AND routing_state IN ('queued', 'offered', 'pending');
CREATE INDEX conversations_offered_idx ON conversations (offered_to) WHERE status = 'open' AND offered_to IS NOT NULL;
CREATE INDEX conversations_assignee_open_idx ON conversations (assignee_id) WHERE status = 'open';
-- Handling times of recent resolved conversations, per group.
CREATE INDEX conversations_resolved_idx ON conversations (account_id, group_id, resolved_at DESC) WHERE resolved_at IS NOT NULL;

ALTER TABLE messages ADD COLUMN internal boolean NOT NULL DEFAULT false;

-- Who declined (or let time out) an offer: they are not offered the same conversation again.
CREATE TABLE routing_declines (
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  declined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id)
);
`;
