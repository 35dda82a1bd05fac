import { describe, expect, it } from 'vitest';
import type { AgentRequestName } from '../../../shared/protocol';
import type { TicketTransport } from '../tickets/ticket-transport';
import { csatHandlers } from './csat-handlers';

const SETTINGS = { enabled: true, channelKinds: ['widget'], questionZh: '满意吗？', questionEn: 'Happy?', linkValidDays: 7 };

function setUp(online = true) {
  const requests: { name: AgentRequestName; payload: unknown }[] = [];
  const transport = {
    isOnline: () => online,
    request: async (name: AgentRequestName, payload: unknown) => {
      requests.push({ name, payload });
      return { settings: SETTINGS, csat: null };
    },
  } as unknown as TicketTransport; // answers only what these tests ask
  return { handlers: csatHandlers(transport), requests };
}

describe('satisfaction surveys in the client core', () => {
  it('reads and saves the settings through the server request, the change as its `save`', async () => {
    const { handlers, requests } = setUp();
    const save = { enabled: true, channelKinds: ['widget' as const], questionZh: '满意吗？', questionEn: 'Happy?', linkValidDays: 7 };
    expect(await handlers['csatAdmin.saveSettings'](save)).toEqual(SETTINGS);
    await handlers['csatAdmin.settings']({});
    await handlers['csat.get']({ conversationId: 'c1' });
    expect(requests).toEqual([
      { name: 'csat:admin:settings', payload: { save } },
      { name: 'csat:admin:settings', payload: {} },
      { name: 'csat:get', payload: { conversationId: 'c1' } },
    ]);
  });

  it('answers offline without asking the server', async () => {
    const { handlers, requests } = setUp(false);
    await expect(handlers['csat.get']({ conversationId: 'c1' })).rejects.toMatchObject({ code: 'offline' });
    await expect(handlers['csatAdmin.settings']({})).rejects.toMatchObject({ code: 'offline' });
    expect(requests).toEqual([]);
  });
});
