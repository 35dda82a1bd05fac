/**
 * Several server nodes on one database (server/nodes/):
 * - `server_nodes`: one row per running node, its lease renewed by a heartbeat. A node whose
 *   `lease_expires_at` passed is dead (killed, frozen, cut off): any other node removes it and its
 *   sockets. `draining` is set while it shuts down on SIGTERM.
 * - `agent_sockets`: every workstation socket connected to any node, so "is this agent
 *   connected" is answered for the whole cluster, not from one process's memory. A socket counts
 *   while its node's lease holds; a killed node's agents are gone only once that lease expires.
 * - `socket_io_attachments`: the socket.io PostgreSQL adapter's table for payloads too large for
 *   NOTIFY (used only when nodes reach each other through PostgreSQL, not Redis).
 */
export const name = 'server-nodes';

export const sql = /* sql */ `
CREATE TABLE server_nodes (
  id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  lease_expires_at timestamptz NOT NULL,
  draining boolean NOT NULL DEFAULT false
);

CREATE TABLE agent_sockets (
  socket_id text PRIMARY KEY,
  node_id text NOT NULL REFERENCES server_nodes(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  connected_at timestamptz NOT NULL
);
CREATE INDEX agent_sockets_user_idx ON agent_sockets (user_id);
CREATE INDEX agent_sockets_node_idx ON agent_sockets (node_id);

CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
`;
