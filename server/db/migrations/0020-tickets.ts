/**
 * Tickets (工单): problems that outlive a chat. Departments (admin-managed, with members who may
 * hold only the `staff` role: they see their department's tickets and nothing of the inbox),
 * admin-defined ticket types, SLA targets per type and priority, the tickets themselves with a
 * per-account number, the conversations they came from, and one history of everything that
 * happened to each (status, assignment, field changes, internal comments, public replies, SLA
 * warnings). A ticket carries the account sequence like conversations do, so the desktop can sync
 * and cache tickets from a cursor.
 */
export const name = 'tickets';

export const sql = /* sql */ `
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('agent', 'supervisor', 'admin', 'staff'));

CREATE TABLE departments (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, name)
);

CREATE TABLE department_members (
  department_id text NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  is_lead boolean NOT NULL DEFAULT false,
  PRIMARY KEY (department_id, user_id)
);
CREATE INDEX department_members_user_idx ON department_members (user_id);

CREATE TABLE ticket_types (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- The department a new ticket of this type goes to unless the creator picks another.
  default_department_id text REFERENCES departments(id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, name)
);

-- Targets in business minutes; type_id NULL is the account's default for that priority.
CREATE TABLE ticket_sla_targets (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  type_id text REFERENCES ticket_types(id) ON DELETE CASCADE,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  first_response_minutes integer CHECK (first_response_minutes > 0),
  resolution_minutes integer CHECK (resolution_minutes > 0),
  -- How long before a breach the assignee and the department lead are warned.
  warn_before_minutes integer NOT NULL DEFAULT 60 CHECK (warn_before_minutes >= 0)
);
CREATE UNIQUE INDEX ticket_sla_targets_one_idx ON ticket_sla_targets (account_id, COALESCE(type_id, ''), priority);

CREATE TABLE ticket_settings (
  account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  -- A customer who writes again within this many days of "solved" reopens the ticket.
  reopen_days integer NOT NULL DEFAULT 7 CHECK (reopen_days >= 0),
  -- Solved tickets close by themselves after this many days.
  close_after_days integer NOT NULL DEFAULT 14 CHECK (close_after_days >= 1),
  -- Business hours the SLA clock runs in (shared/business-hours.ts); NULL: around the clock.
  business_hours jsonb,
  -- Mail to this address (on an email channel's inbound) opens a ticket.
  email_address text,
  next_number integer NOT NULL DEFAULT 1
);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  number integer NOT NULL,
  subject text NOT NULL,
  type_id text REFERENCES ticket_types(id) ON DELETE SET NULL,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'open', 'in_progress', 'waiting_on_customer', 'solved', 'closed')),
  department_id text REFERENCES departments(id) ON DELETE SET NULL,
  assignee_id text REFERENCES users(id) ON DELETE SET NULL,
  contact_id text REFERENCES contacts(id) ON DELETE SET NULL,
  order_ref text,
  source text NOT NULL CHECK (source IN ('agent', 'api', 'email', 'left_message')),
  created_by_id text REFERENCES users(id) ON DELETE SET NULL,
  due_at timestamptz,
  first_response_due_at timestamptz,
  resolution_due_at timestamptz,
  first_responded_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  -- SLA notices already sent, so each goes once: 'first_warn', 'first_breach', 'resolution_warn', 'resolution_breach'.
  sla_notices text[] NOT NULL DEFAULT '{}',
  reopened_count integer NOT NULL DEFAULT 0,
  seq bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  UNIQUE (account_id, number)
);
CREATE INDEX tickets_account_seq_idx ON tickets (account_id, seq);
CREATE INDEX tickets_status_idx ON tickets (account_id, status, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_assignee_idx ON tickets (account_id, assignee_id, status, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_department_idx ON tickets (account_id, department_id, status, updated_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_contact_idx ON tickets (contact_id, status);
CREATE INDEX tickets_due_idx ON tickets (account_id, resolution_due_at)
  WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed');
CREATE INDEX tickets_first_due_idx ON tickets (account_id, first_response_due_at)
  WHERE deleted_at IS NULL AND first_responded_at IS NULL AND status NOT IN ('solved', 'closed');

CREATE TABLE ticket_conversations (
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, conversation_id)
);
CREATE INDEX ticket_conversations_conversation_idx ON ticket_conversations (conversation_id);

CREATE TABLE ticket_events (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'assigned', 'changed', 'comment', 'reply',
    'customer_message', 'excerpt', 'linked', 'sla_warning', 'sla_breach', 'reopened', 'deleted')),
  -- Internal events are never sent to the customer; only 'reply' (and status notices) are public.
  public boolean NOT NULL DEFAULT false,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'contact', 'system', 'api')),
  actor_id text,
  body text NOT NULL DEFAULT '',
  -- Before/after of a change, the excerpt's messages, mentioned user ids, …
  data jsonb NOT NULL DEFAULT '{}',
  -- A comment written offline keeps its client id, so a retried outbox send is stored once.
  client_id text UNIQUE,
  seq bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, created_at);
CREATE INDEX ticket_events_account_seq_idx ON ticket_events (account_id, seq);
`;
