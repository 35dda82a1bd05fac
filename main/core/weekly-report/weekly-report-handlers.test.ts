import { describe, expect, it } from 'vitest';
import type { AgentRequestName } from '../../../shared/protocol';
import type { TicketTransport } from '../tickets/ticket-transport';
import { weeklyReportHandlers } from './weekly-report-handlers';

const STATUS = { settings: { enabled: true, weekday: 1, hour: 8, language: 'en' }, timeZone: 'UTC', canSend: true, reason: null, from: 'service@shop.test' };

function setUp(online = true) {
  const requests: { name: AgentRequestName; payload: unknown }[] = [];
  const transport = {
    isOnline: () => online,
    request: async (name: AgentRequestName, payload: unknown) => {
      requests.push({ name, payload });
      return name === 'reports:weeklySend' ? { to: 'me@shop.test', weekStart: '2026-11-30', weekEnd: '2026-12-07' } : STATUS;
    },
  } as unknown as TicketTransport; // answers only what these tests ask
  return { handlers: weeklyReportHandlers(transport), requests };
}

describe('the weekly report in the client core', () => {
  it('reads and saves the settings and sends the test mail through the server requests', async () => {
    const { handlers, requests } = setUp();
    const save = { enabled: false, weekday: 5, hour: 17, language: 'zh-CN' as const };
    expect(await handlers['weeklyReport.settings']({})).toEqual(STATUS);
    await handlers['weeklyReport.saveSettings'](save);
    expect(await handlers['weeklyReport.sendTest']({})).toEqual({ to: 'me@shop.test', weekStart: '2026-11-30', weekEnd: '2026-12-07' });
    expect(requests).toEqual([
      { name: 'reports:weeklySettings:get', payload: {} },
      { name: 'reports:weeklySettings:set', payload: save },
      { name: 'reports:weeklySend', payload: {} },
    ]);
  });

  it('answers offline without asking the server', async () => {
    const { handlers, requests } = setUp(false);
    await expect(handlers['weeklyReport.settings']({})).rejects.toMatchObject({ code: 'offline' });
    await expect(handlers['weeklyReport.sendTest']({})).rejects.toMatchObject({ code: 'offline' });
    expect(requests).toEqual([]);
  });
});
