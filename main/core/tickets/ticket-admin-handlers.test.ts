import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { AgentRequestName } from '../../../shared/protocol';
import { restDownloader } from '../admin-rest';
import { ServerApi } from '../server-api';
import { ticketAdminHandlers } from './ticket-admin-handlers';
import type { TicketTransport } from './ticket-transport';

const period = { from: '2026-11-07T00:00:00.000+08:00', to: '2026-12-07T00:00:00.000+08:00' };

function setUp(online = true, answer: (url: string, auth: string | null) => Response = () => new Response('csv', { status: 200 })) {
  const requests: { name: AgentRequestName; payload: unknown }[] = [];
  const downloads: { url: string; auth: string | null }[] = [];
  let token = 'old-token';
  const transport = {
    isOnline: () => online,
    request: async (name: AgentRequestName, payload: unknown) => {
      requests.push({ name, payload });
      return { settings: { reopenDays: 1, closeAfterDays: 2, businessHours: null, emailAddress: null }, targets: [] };
    },
  } as unknown as TicketTransport; // answers only what these tests ask
  const fetchFn = (async (input: URL | string, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('authorization');
    downloads.push({ url: String(input), auth });
    return answer(String(input), auth);
  }) as typeof fetch;
  const download = restDownloader({
    api: new ServerApi(fetchFn),
    isOnline: () => online,
    serverUrl: () => 'http://127.0.0.1:7340',
    accessToken: () => token,
    refresh: async () => {
      token = 'fresh-token';
    },
  });
  return { handlers: ticketAdminHandlers({ transport, download }), requests, downloads };
}

describe('ticket administration and figures in the client core', () => {
  it('sends the settings to save as the server request’s `save`', async () => {
    const { handlers, requests } = setUp();
    const save = { reopenDays: 14, closeAfterDays: 3, businessHours: null, emailAddress: null };
    expect((await handlers['ticketAdmin.saveSettings'](save)).reopenDays).toBe(1);
    await handlers['ticketAdmin.settings']({});
    expect(requests).toEqual([
      { name: 'tickets:admin:settings', payload: { save } },
      { name: 'tickets:admin:settings', payload: {} },
    ]);
  });

  it('downloads the figures as CSV with the period and filters, under the name the server gives', async () => {
    const { handlers, downloads } = setUp(true, () =>
      new Response('scope,from\n', { status: 200, headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="tickets-2026-11-07.csv"' } }),
    );
    expect(await handlers['tickets.statsCsv']({ ...period, departmentId: 'd1' })).toEqual({ filename: 'tickets-2026-11-07.csv', csv: 'scope,from\n' });
    const url = new URL(downloads[0]!.url);
    expect(url.pathname).toBe('/api/tickets/stats.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...period, departmentId: 'd1' });
    expect(downloads[0]!.auth).toBe('Bearer old-token');
  });

  it('downloads again with a fresh token once the one held ran out, and passes a refusal on with its code', async () => {
    const { handlers, downloads } = setUp(true, (_url, auth) =>
      auth === 'Bearer old-token'
        ? Response.json({ code: 'token_expired', message: 'expired' }, { status: 401 })
        : Response.json({ code: 'forbidden', message: 'not your department' }, { status: 403 }),
    );
    await expect(handlers['tickets.statsCsv']({ ...period, departmentId: 'd9' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(downloads.map((d) => d.auth)).toEqual(['Bearer old-token', 'Bearer fresh-token']);
  });

  it('answers offline without asking the server', async () => {
    const { handlers, requests, downloads } = setUp(false);
    await expect(handlers['ticketAdmin.sla']({})).rejects.toEqual(new AppError('offline', 'Reading the SLA targets needs the connection'));
    await expect(handlers['tickets.statsCsv'](period)).rejects.toMatchObject({ code: 'offline' });
    expect(requests).toEqual([]);
    expect(downloads).toEqual([]);
  });
});
