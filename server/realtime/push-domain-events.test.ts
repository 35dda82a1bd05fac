import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import type { TeamMember } from '../../shared/domain';
import type { Queryable } from '../db/db';
import { EventBus } from '../domain/events';
import { pushDomainEvents } from './push-domain-events';
import { agentsRoom, staffRoom, userRoom } from './rooms';

/** No listener under test reads the database. */
const noDb: Queryable = {
  query: () => Promise.reject(new Error('no database in this test')),
  exec: () => Promise.reject(new Error('no database in this test')),
};

let http: HttpServer | null = null;
let io: Server | null = null;
const clients: Socket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
  io = null;
  http = null;
});

/** A socket.io server whose agent sockets join the rooms they ask for, with the realtime listeners on a bus. */
async function start() {
  http = createServer();
  io = new Server(http);
  io.of(AGENT_NAMESPACE).on('connection', (socket) => void socket.join(socket.handshake.auth.rooms as string[]));
  const errors: unknown[] = [];
  const events = new EventBus((err) => errors.push(err));
  pushDomainEvents(io, events, noDb);
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${AGENT_NAMESPACE}`;
  const join = async (rooms: string[]) => {
    const socket = connect(url, { auth: { rooms }, transports: ['websocket'], reconnection: false });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const heard: { event: string; payload: unknown }[] = [];
    socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
    return { socket, heard };
  };
  return { events, errors, join };
}

const member: TeamMember = { id: 'u1', name: 'Ann', role: 'agent', presence: 'online', load: 1, maxChats: 3, groupIds: [] };

describe('domain events as socket pushes', () => {
  it('tells supervisors of a team member, and nobody else', async () => {
    const t = await start();
    const staff = await t.join([agentsRoom('a1'), staffRoom('a1')]);
    const agent = await t.join([agentsRoom('a1'), userRoom('u1')]);
    await t.events.emit({ type: 'team.member.changed', accountId: 'a1', member });
    // A later push to everyone marks the moment by which the first must have arrived.
    await t.events.emit({ type: 'sensitive.words.changed', accountId: 'a1' });
    await vi.waitFor(() => expect(agent.heard.map((h) => h.event)).toEqual(['sensitive:changed']));
    await vi.waitFor(() => expect(staff.heard).toEqual([{ event: 'team:member', payload: member }, { event: 'sensitive:changed', payload: {} }]));
    expect(t.errors).toEqual([]);
  });

  it("sends a user's own quick replies change to that user only", async () => {
    const t = await start();
    const owner = await t.join([agentsRoom('a1'), userRoom('u1')]);
    const colleague = await t.join([agentsRoom('a1'), userRoom('u2')]);
    await t.events.emit({ type: 'catalog.changed', accountId: 'a1', audience: { kind: 'user', userId: 'u1' } });
    await t.events.emit({ type: 'catalog.changed', accountId: 'a1', audience: { kind: 'account' } });
    // Pushes reach one socket in order: once this marker is there, nothing earlier is still on its way.
    await t.events.emit({ type: 'sensitive.words.changed', accountId: 'a1' });
    await vi.waitFor(() => expect(owner.heard.map((h) => h.event)).toEqual(['catalog:changed', 'catalog:changed', 'sensitive:changed']));
    await vi.waitFor(() => expect(colleague.heard.at(-1)?.event).toBe('sensitive:changed'));
    expect(colleague.heard.map((h) => h.event)).toEqual(['catalog:changed', 'sensitive:changed']);
  });

  it("leaves the socket that changed an agent's state out of that agent's push", async () => {
    const t = await start();
    const changer = await t.join([userRoom('u1')]);
    const otherDevice = await t.join([userRoom('u1')]);
    const state = { userId: 'u1', presence: 'away' as const, load: 0, maxChats: 3, autoAwaySeconds: 600 };
    await t.events.emit({ type: 'agent.state.changed', userId: 'u1', state, exceptSocket: changer.socket.id });
    await t.events.emit({ type: 'agent.state.changed', userId: 'u1', state: { ...state, presence: 'online' } });
    await vi.waitFor(() => expect(otherDevice.heard.map((h) => (h.payload as typeof state).presence)).toEqual(['away', 'online']));
    await vi.waitFor(() => expect(changer.heard.map((h) => (h.payload as typeof state).presence)).toEqual(['online']));
  });

  it('ends every session of a user whose access changed, and only theirs', async () => {
    const t = await start();
    const ended = await t.join([userRoom('u1')]);
    const kept = await t.join([userRoom('u2')]);
    await t.events.emit({ type: 'user.sessions.ended', userId: 'u1' });
    await vi.waitFor(() => expect(ended.socket.connected).toBe(false));
    expect(kept.socket.connected).toBe(true);
  });
});
