import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ReportAnswer, ReportName } from '../../shared/reports';
import { serverForFile } from '../support/server-for-file';
import { connectDemoTeam, data, request, type DemoPerson } from '../support/server-fixture';
import { seedReportConversation, type ReportSeed } from '../support/report-seed';

const file = serverForFile();

/** A local time in Shanghai (UTC+8), the account's time zone here. */
const sh = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+08:00`);
const period = { from: '2026-03-02', to: '2026-03-04' };

// Every figure below is worked out by hand from the conversations seeded in beforeAll (see their comments).
describe('reports', () => {
  let sockets: Record<DemoPerson, Socket>;
  let tokens: Record<DemoPerson, string>;
  let ids: Record<DemoPerson, string>;
  let g1: string;
  let g2: string;
  let tags: Record<'refund' | 'solved' | 'formula', string>;

  const report = async <K extends ReportName>(who: DemoPerson, name: K, extra: Record<string, unknown> = {}) =>
    data(await request<ReportAnswer<K>>(sockets[who], `reports:${name}`, { ...period, ...extra }));
  const csv = (who: DemoPerson, query: Record<string, string>) =>
    fetch(`${file.server.url}/api/reports/export.csv?${new URLSearchParams({ ...period, ...query }).toString()}`, {
      headers: { authorization: `Bearer ${tokens[who]}` },
    });

  beforeAll(async () => {
    let accountId: string;
    ({ sockets, tokens, ids, accountId } = await connectDemoTeam(file.server.url));
    const db = file.server.db;
    // Routing stays still: the seeded waiting conversations stay as they are (not offered, overflowed or left).
    await file.server.router.stop();
    await db.query(
      `INSERT INTO ticket_settings (account_id, business_hours) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET business_hours = EXCLUDED.business_hours`,
      [accountId, JSON.stringify({ timezone: 'Asia/Shanghai', days: {} })],
    );
    const [widget] = await db.query<{ id: string }>("SELECT id FROM channels WHERE account_id = $1 AND kind = 'widget' LIMIT 1", [accountId]);
    const telegram = randomUUID();
    await db.query("INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'telegram', 'Telegram')", [telegram, accountId]);
    g1 = randomUUID();
    g2 = randomUUID();
    await db.query('INSERT INTO skill_groups (id, account_id, name) VALUES ($1, $2, $3), ($4, $2, $5)', [g1, accountId, '售前', g2, '售后']);
    tags = { refund: randomUUID(), solved: randomUUID(), formula: randomUUID() };
    await db.query(
      `INSERT INTO conversation_tags (id, account_id, name, kind) VALUES ($1, $4, 'Refund', 'reason'), ($2, $4, '已解决', 'outcome'), ($3, $4, '=cmd', 'other')`,
      [tags.refund, tags.solved, tags.formula, accountId],
    );
    const seed = (s: Omit<ReportSeed, 'accountId' | 'channelId'> & { channel: 'widget' | 'telegram' }) =>
      seedReportConversation(db, { accountId, channelId: s.channel === 'widget' ? widget!.id : telegram, ...s });

    // C1 widget 售前 王芳, 03-02 09:00: assigned 09:02, an internal note 09:03 (not a reply), replied 09:05,
    // resolved 09:30. First response 300 s, wait 120 s, handling 1680 s, resolution 1800 s. CSAT 5. Tags Refund, 已解决.
    await seed({
      channel: 'widget', groupId: g1, assigneeId: ids.wang, createdAt: sh('02', '09:00'), routingState: 'assigned', assignedAt: sh('02', '09:02'),
      notes: [sh('02', '09:03')], agentReplies: [sh('02', '09:05'), sh('02', '09:10')], resolvedAt: sh('02', '09:30'),
      csat: { rating: 5, answeredAt: sh('02', '09:40') }, tags: [tags.refund, tags.solved], taggedAt: sh('02', '09:30'),
    });
    // C2 widget 售前 李雷, 03-02 10:00: assigned 10:10, replied 10:20, resolved 11:00. First 1200 s, wait 600 s,
    // handling 3000 s, resolution 3600 s. CSAT 3. Tag Refund.
    await seed({
      channel: 'widget', groupId: g1, assigneeId: ids.li, createdAt: sh('02', '10:00'), routingState: 'assigned', assignedAt: sh('02', '10:10'),
      agentReplies: [sh('02', '10:20')], resolvedAt: sh('02', '11:00'), csat: { rating: 3, answeredAt: sh('02', '11:10') },
      tags: [tags.refund], taggedAt: sh('02', '11:00'),
    });
    // C3 telegram 售后 王芳, 03-03 14:00: the bot answered (sentiment 0.5), then handed over at 14:01 (−0.8, upset);
    // assigned 14:04, replied 14:11, still open. First response 600 s (from the handoff), wait 180 s. CSAT 4.
    await seed({
      channel: 'telegram', groupId: g2, assigneeId: ids.wang, createdAt: sh('03', '14:00'), routingState: 'assigned', assignedAt: sh('03', '14:04'),
      botTurns: [{ at: sh('03', '14:00'), action: 'answer', sentiment: 0.5 }, { at: sh('03', '14:01'), action: 'handoff', sentiment: -0.8 }],
      agentReplies: [sh('03', '14:11')], csat: { rating: 4, answeredAt: sh('03', '16:00') },
    });
    // C4 telegram 售后, 03-03 15:00: queued, nobody replied, resolved 15:20: abandoned; resolution 1200 s. Tag =cmd.
    await seed({
      channel: 'telegram', groupId: g2, createdAt: sh('03', '15:00'), routingState: 'queued', resolvedAt: sh('03', '15:20'),
      tags: [tags.formula], taggedAt: sh('03', '15:20'),
    });
    // C5 widget 售前, 03-03 20:00: still waiting, never assigned, customer silent since: abandoned.
    await seed({ channel: 'widget', groupId: g1, createdAt: sh('03', '20:00'), routingState: 'queued' });
    // C6 widget, 03-03 07:00 local (still 03-02 in UTC): only the bot (−0.2), never handed over: resolved by the bot.
    await seed({ channel: 'widget', createdAt: sh('03', '07:00'), routingState: 'bot', botTurns: [{ at: sh('03', '07:00'), action: 'answer', sentiment: -0.2 }] });
    // C7 widget, 03-02 02:00 local (03-01 in UTC): a message left while nobody was available: not abandoned.
    await seed({ channel: 'widget', createdAt: sh('02', '02:00'), routingState: 'pending', leftMessage: true });
    // Previous period (02-28, 03-01). C8 widget 售前 王芳, 03-01 12:00: assigned 12:01, replied 12:01:30,
    // resolved 12:31. First 90 s, wait 60 s, handling 1800 s, resolution 1860 s. CSAT 2.
    await seed({
      channel: 'widget', groupId: g1, assigneeId: ids.wang, createdAt: sh('01', '12:00'), routingState: 'assigned', assignedAt: sh('01', '12:01'),
      agentReplies: [new Date(sh('01', '12:01').getTime() + 30_000)], resolvedAt: sh('01', '12:31'), csat: { rating: 2, answeredAt: sh('01', '13:00') },
    });
    // After the period (03-04 00:30 local): never counted.
    await seed({ channel: 'widget', groupId: g1, assigneeId: ids.wang, createdAt: sh('04', '00:30'), routingState: 'assigned', assignedAt: sh('04', '00:31') });
  });

  it('volume: per channel, per local hour and per local day, with the previous period', async () => {
    const r = await report('supervisor', 'volume');
    expect(r.timeZone).toBe('Asia/Shanghai');
    expect(r.scope).toBe('account');
    expect(r.period).toEqual({ from: '2026-03-02', to: '2026-03-04', start: '2026-03-01T16:00:00.000Z', end: '2026-03-03T16:00:00.000Z' });
    expect(r.previousPeriod).toMatchObject({ from: '2026-02-28', to: '2026-03-02' });
    expect(r.current.conversations).toBe(7);
    expect(r.current.byChannel).toEqual([{ channelKind: 'widget', conversations: 5 }, { channelKind: 'telegram', conversations: 2 }]);
    expect(r.current.byHour.filter((h) => h.conversations > 0)).toEqual(
      [2, 7, 9, 10, 14, 15, 20].map((hour) => ({ hour, conversations: 1 })),
    );
    expect(r.current.byHour).toHaveLength(24);
    expect(r.current.byDay).toEqual([{ date: '2026-03-02', conversations: 3 }, { date: '2026-03-03', conversations: 4 }]);
    expect(r.previous.conversations).toBe(1);
    expect(r.previous.byDay).toEqual([{ date: '2026-02-28', conversations: 0 }, { date: '2026-03-01', conversations: 1 }]);
  });

  it('times: first response, handling and resolution as median and p90', async () => {
    const r = await report('admin', 'times');
    // First [300, 600, 1200]: p90 = 600 + 0.8 × 600. Handling [1680, 3000]: p90 = 1680 + 0.9 × 1320.
    // Resolution [1200, 1800, 3600]: p90 = 1800 + 0.8 × 1800.
    expect(r.current).toEqual({
      firstResponse: { count: 3, medianSeconds: 600, p90Seconds: 1080 },
      handling: { count: 2, medianSeconds: 2340, p90Seconds: 2868 },
      resolution: { count: 3, medianSeconds: 1800, p90Seconds: 3240 },
    });
    expect(r.previous).toEqual({
      firstResponse: { count: 1, medianSeconds: 90, p90Seconds: 90 },
      handling: { count: 1, medianSeconds: 1800, p90Seconds: 1800 },
      resolution: { count: 1, medianSeconds: 1860, p90Seconds: 1860 },
    });
  });

  it('queue: wait, answered, abandoned and left messages', async () => {
    const r = await report('supervisor', 'queue');
    // Queued C1–C5, C7; answered C1–C3; abandoned C4, C5 (2 of 6); wait [120, 180, 600]: p90 = 180 + 0.8 × 420.
    expect(r.current).toEqual({
      queued: 6, answered: 3, abandoned: 2, abandonedPercent: 33.3, leftMessages: 1,
      wait: { count: 3, medianSeconds: 180, p90Seconds: 516 },
    });
    expect(r.previous).toMatchObject({ queued: 1, answered: 1, abandoned: 0, wait: { count: 1, medianSeconds: 60, p90Seconds: 60 } });
  });

  it('csat: average, satisfied share and answers by agent, group and channel', async () => {
    const r = await report('supervisor', 'csat');
    expect(r.current.total).toEqual({ answers: 3, average: 4, satisfiedPercent: 66.7 });
    expect(r.current.byAgent).toEqual([
      { id: ids.wang, name: '王芳', answers: 2, average: 4.5, satisfiedPercent: 100 },
      { id: ids.li, name: '李雷', answers: 1, average: 3, satisfiedPercent: 0 },
    ]);
    expect(r.current.byGroup).toEqual([
      { id: g1, name: '售前', answers: 2, average: 4, satisfiedPercent: 50 },
      { id: g2, name: '售后', answers: 1, average: 4, satisfiedPercent: 100 },
    ]);
    expect(r.current.byChannel).toEqual([
      { channelKind: 'widget', answers: 2, average: 4, satisfiedPercent: 50 },
      { channelKind: 'telegram', answers: 1, average: 4, satisfiedPercent: 100 },
    ]);
    expect(r.previous.total).toEqual({ answers: 1, average: 2, satisfiedPercent: 0 });
  });

  it('bot: resolved by the bot and handed over', async () => {
    const r = await report('supervisor', 'bot');
    expect(r.current).toEqual({ botConversations: 2, resolvedByBot: 1, handedOver: 1, resolutionPercent: 50, handoffPercent: 50 });
    expect(r.previous).toEqual({ botConversations: 0, resolvedByBot: 0, handedOver: 0, resolutionPercent: null, handoffPercent: null });
  });

  it('sentiment: per local day', async () => {
    const r = await report('supervisor', 'sentiment');
    // 0.5, −0.8 and −0.2 (the last at 07:00 local on 03-03, still 03-02 in UTC): mean −0.17, one upset.
    expect(r.current).toEqual({
      messages: 3, average: -0.17, upset: 1,
      byDay: [{ date: '2026-03-02', messages: 0, average: null, upset: 0 }, { date: '2026-03-03', messages: 3, average: -0.17, upset: 1 }],
    });
  });

  it('tags: conversations per tag, most used first', async () => {
    const r = await report('supervisor', 'tags');
    expect(r.current.tags).toEqual([
      { id: tags.refund, name: 'Refund', kind: 'reason', conversations: 2 },
      { id: tags.formula, name: '=cmd', kind: 'other', conversations: 1 },
      { id: tags.solved, name: '已解决', kind: 'outcome', conversations: 1 },
    ]);
  });

  it('filters by channel kind, group and agent', async () => {
    expect((await report('supervisor', 'volume', { channelKind: 'telegram' })).current.conversations).toBe(2);
    expect((await report('supervisor', 'volume', { groupId: g1 })).current.conversations).toBe(3);
    const li = await report('supervisor', 'csat', { agentId: ids.li });
    expect(li.agentId).toBe(ids.li);
    expect(li.current.total).toEqual({ answers: 1, average: 3, satisfiedPercent: 0 });
    expect((await report('supervisor', 'tags', { channelKind: 'telegram' })).current.tags.map((t) => t.name)).toEqual(['=cmd']);
  });

  it('an agent gets their own figures only, whoever they ask for', async () => {
    const own = await report('wang', 'volume', { agentId: ids.li });
    expect(own.scope).toBe('own');
    expect(own.agentId).toBe(ids.wang);
    expect(own.current.conversations).toBe(2); // C1, C3
    expect(own.previous.conversations).toBe(1); // C8
    const times = await report('wang', 'times');
    // First [300, 600]: median 450, p90 = 300 + 0.9 × 300.
    expect(times.current.firstResponse).toEqual({ count: 2, medianSeconds: 450, p90Seconds: 570 });
    const satisfaction = await report('wang', 'csat');
    expect(satisfaction.current.byAgent.map((a) => a.id)).toEqual([ids.wang]);
    expect(satisfaction.current.total).toEqual({ answers: 2, average: 4.5, satisfiedPercent: 100 });
    const text = await (await csv('li', { report: 'csat', agentId: ids.wang })).text();
    expect(text).toContain(`current,2026-03-02,2026-03-04,agent,${ids.li},李雷,1,3,0`);
    expect(text).not.toContain(ids.wang);
  });

  it('CSV: every table of a report with a BOM, Chinese names and formula-safe cells', async () => {
    const res = await csv('supervisor', { report: 'tags' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-tags-2026-03-02-2026-03-04.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.split('\r\n')[0]).toBe('period,from,to,table,key,name,kind,conversations');
    expect(text).toContain(`current,2026-03-02,2026-03-04,tag,${tags.formula},'=cmd,other,1\r\n`);
    expect(text).toContain(`current,2026-03-02,2026-03-04,tag,${tags.solved},已解决,outcome,1\r\n`);
    const volume = await (await csv('admin', { report: 'volume' })).text();
    expect(volume).toContain('current,2026-03-02,2026-03-04,channel,telegram,telegram,2\r\n');
    expect(volume).toContain('current,2026-03-02,2026-03-04,hour,7,07:00,1\r\n');
    expect(volume).toContain('previous,2026-02-28,2026-03-02,day,2026-03-01,2026-03-01,1\r\n');
    const times = await (await csv('admin', { report: 'times' })).text();
    expect(times).toContain('current,2026-03-02,2026-03-04,first_response,,,3,600,1080\r\n');
  });

  it('refuses a period backwards, a bad report name and a missing token', async () => {
    const backwards = await request(sockets.supervisor, 'reports:volume', { from: '2026-03-04', to: '2026-03-02' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const notADay = await request(sockets.supervisor, 'reports:queue', { from: '2026-02-30', to: '2026-03-02' });
    expect(notADay).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await csv('supervisor', { report: 'everything' })).status).toBe(400);
    expect((await fetch(`${file.server.url}/api/reports/export.csv?report=volume&from=2026-03-02&to=2026-03-04`)).status).toBe(401);
  });
});
