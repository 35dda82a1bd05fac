/**
 * The load bench's baselines, as a process of their own (as the server is): a bare socket.io relay
 * that acknowledges each visitor message and pushes it to every agent socket, and (with
 * DATABASE_URL) the same relay INSERTing each message into PostgreSQL first. What the real server
 * adds to these is the product's own cost. Prints "ready <port>" once it listens.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/protocol';

const databaseUrl = process.env.DATABASE_URL;
const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : null;
if (pool) {
  await pool.query(`CREATE TABLE IF NOT EXISTS relay_messages (id bigserial PRIMARY KEY, client_id text NOT NULL UNIQUE, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
}

const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
const agents = io.of(AGENT_NAMESPACE);
io.of(VISITOR_NAMESPACE).on('connection', (socket) => {
  socket.on('visitor:send', async (payload: { clientId: string; body: string }, ack?: (r: unknown) => void) => {
    try {
      if (pool) await pool.query('INSERT INTO relay_messages (client_id, body) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [payload.clientId, payload.body]);
      agents.emit('message:new', { clientId: payload.clientId, body: payload.body });
      ack?.({ ok: true, data: {} });
    } catch (err) {
      ack?.({ ok: false, error: { code: 'internal', message: String(err) } });
    }
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  void pool?.end();
  process.exit(0);
});
