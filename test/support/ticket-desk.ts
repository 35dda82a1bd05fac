import type { Socket } from 'socket.io-client';
import type { Department, Ticket, TicketEvent, TicketType } from '../../shared/tickets';
import { connectAgent, data, login, request } from './server-fixture';

/** A department member without the agent desk, created by an admin and signed in over loopback. */
export async function signInStaff(url: string, admin: Socket, who: { email: string; name: string }): Promise<{ id: string; socket: Socket; token: string }> {
  const password = 'staff-password-1';
  const created = data(await request<{ user: { id: string } }>(admin, 'admin:user:create', { email: who.email, name: who.name, role: 'staff', password }));
  const tokens = await login(url, who.email, password);
  return { id: created.user.id, socket: await connectAgent(url, tokens.accessToken), token: tokens.accessToken };
}

export async function saveDepartment(admin: Socket, name: string, members: { userId: string; isLead?: boolean }[]): Promise<Department> {
  return data(await request<{ department: Department }>(admin, 'tickets:admin:departments:save', { name, members })).department;
}

export async function saveType(admin: Socket, name: string, defaultDepartmentId: string | null = null): Promise<TicketType> {
  return data(await request<{ type: TicketType }>(admin, 'tickets:admin:types:save', { name, defaultDepartmentId })).type;
}

export async function createTicket(socket: Socket, input: Record<string, unknown>): Promise<Ticket> {
  return data(await request<{ ticket: Ticket }>(socket, 'tickets:create', input)).ticket;
}

export async function ticketWithHistory(socket: Socket, id: string): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  return data(await request<{ ticket: Ticket; events: TicketEvent[] }>(socket, 'tickets:get', { id }));
}

/** The refusal code of a request that must fail (the test fails if it was accepted). */
export async function refusal(socket: Socket, name: string, payload: unknown): Promise<string> {
  const answer = await request(socket, name, payload);
  if (answer.ok) throw new Error(`${name} was accepted: ${JSON.stringify(answer.data).slice(0, 200)}`);
  return answer.error.code;
}
