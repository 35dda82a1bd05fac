import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import { AppError } from '../../shared/errors';
import { channelAdminHandlers, type ChannelAdminDeps } from './channel-admin';
import { ServerApi } from './server-api';

const view: ChannelView = {
  id: 'tg', kind: 'telegram', name: 'Telegram', enabled: true, source: 'admin', config: {}, secretsSet: ['botToken'],
  webhooks: [{ method: 'POST', path: '/webhooks/telegram/tg', purpose: 'updates' }], createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
};

type Call = { method: string; url: string; auth: string | null; body: unknown };

/** The REST API answered by a fake fetch: each call recorded, answered in turn. */
function setUp(answers: ((call: Call) => { status: number; json: unknown })[], online = true) {
  const calls: Call[] = [];
  let token: string | null = 'old-token';
  let refreshes = 0;
  const fetchFn = (async (input: URL | string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = { method: init?.method ?? 'GET', url: String(input), auth: headers.get('authorization'), body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const answer = answers[calls.length - 1]!(call);
    return new Response(JSON.stringify(answer.json), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const deps: ChannelAdminDeps = {
    api: new ServerApi(fetchFn),
    isOnline: () => online,
    serverUrl: () => 'http://127.0.0.1:7340',
    accessToken: () => token,
    refresh: async () => {
      refreshes += 1;
      token = `fresh-token-${refreshes}`;
    },
  };
  return { handlers: channelAdminHandlers(deps), calls, refreshes: () => refreshes };
}

describe('channel administration in the client core', () => {
  it('calls the REST API as the signed-in admin, with the changes only', async () => {
    const { handlers, calls } = setUp([() => ({ status: 200, json: { channels: [view] } }), () => ({ status: 200, json: { channel: { ...view, name: 'TG' } } })]);
    expect(await handlers['channels.list']({})).toEqual([view]);
    expect((await handlers['channels.save']({ op: 'update', id: 'tg', changes: { name: 'TG' } })).name).toBe('TG');
    expect(calls).toEqual([
      { method: 'GET', url: 'http://127.0.0.1:7340/api/channels', auth: 'Bearer old-token', body: undefined },
      { method: 'PATCH', url: 'http://127.0.0.1:7340/api/channels/tg', auth: 'Bearer old-token', body: { name: 'TG' } },
    ]);
  });

  it('gets a fresh access token once when the one held ran out', async () => {
    const { handlers, calls, refreshes } = setUp([
      () => ({ status: 401, json: { code: 'token_expired', message: 'expired' } }),
      () => ({ status: 200, json: { deleted: true } }),
    ]);
    expect(await handlers['channels.delete']({ id: 'tg' })).toEqual({ deleted: true });
    expect(refreshes()).toBe(1);
    expect(calls.map((c) => [c.method, c.auth])).toEqual([['DELETE', 'Bearer old-token'], ['DELETE', 'Bearer fresh-token-1']]);
  });

  it('passes the server’s refusal on with its code and the field it names', async () => {
    const { handlers } = setUp([
      () => ({ status: 400, json: { code: 'bad_request', message: 'config: phoneNumberId: Invalid input', details: { field: 'config.phoneNumberId' } } }),
    ]);
    const refused = handlers['channels.save']({ op: 'create', channel: { kind: 'whatsapp', name: 'WA', enabled: true, config: {}, secrets: {} } });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'bad_request', details: { field: 'config.phoneNumberId' } });
  });

  it('answers offline without calling the server', async () => {
    const { handlers, calls } = setUp([], false);
    await expect(handlers['channels.list']({})).rejects.toMatchObject({ code: 'offline' });
    expect(calls).toEqual([]);
  });
});
