import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCore, startCore, type TestCore } from '../support/core-harness';
import { seedReportConversation } from '../support/report-seed';
import { serverForFile } from '../support/server-for-file';

const fixture = serverForFile();
/** A past week, so nothing the demo seed or the clock adds falls into it; the account counts in UTC. */
const WEEK = { from: '2025-03-03', to: '2025-03-10' };
const at = (day: string, time: string) => new Date(`2025-03-${day}T${time}:00Z`);

// Reports through the real client cores and server: the desktop passes the server's figures on,
// named, counted for whoever asks (agents only their own), and saves the same tables as CSV.
describe('reports through the desktop core', () => {
  const cores: TestCore[] = [];
  let wang = '';
  let li = '';

  beforeAll(async () => {
    const db = fixture.server.db;
    const users = await db.query<{ id: string; email: string; account_id: string }>(
      "SELECT id, email, account_id FROM users WHERE email IN ('wang.fang@demo.test', 'li.lei@demo.test')",
    );
    wang = users.find((u) => u.email === 'wang.fang@demo.test')!.id;
    li = users.find((u) => u.email === 'li.lei@demo.test')!.id;
    const accountId = users[0]!.account_id;
    const [widget] = await db.query<{ id: string }>("SELECT id FROM channels WHERE account_id = $1 AND kind = 'widget' LIMIT 1", [accountId]);
    const seed = (assigneeId: string, day: string, rating: number) =>
      seedReportConversation(db, {
        accountId, channelId: widget!.id, assigneeId, routingState: 'assigned', createdAt: at(day, '09:00'), assignedAt: at(day, '09:01'),
        agentReplies: [at(day, '09:02')], resolvedAt: at(day, '09:10'), csat: { rating, answeredAt: at(day, '09:12') },
      });
    // This week: 王芳 two (5 and 3 stars), 李雷 one (4); the week before: 王芳 one (2).
    await seed(wang, '04', 5);
    await seed(wang, '05', 3);
    await seed(li, '06', 4);
    await seed(wang, '01', 2);
  });

  afterAll(async () => {
    for (const c of cores) await c.core.dispose();
  });

  const signIn = (email: string, password: string) => signedInCore(cores, fixture.server.url, email, password);

  it('a supervisor reads the account’s figures beside the previous week and saves them as CSV', async () => {
    const supervisor = await signIn('supervisor@demo.test', 'demo-supervisor');
    const csat = await supervisor.call('reports.get', { report: 'csat', ...WEEK });
    expect(csat).toMatchObject({ report: 'csat', scope: 'account', agentId: null, period: { from: WEEK.from, to: WEEK.to }, previousPeriod: { from: '2025-02-24', to: WEEK.from } });
    if (csat.report !== 'csat') throw new Error('not the CSAT report');
    expect(csat.current.total).toEqual({ answers: 3, average: 4, satisfiedPercent: 66.7 });
    expect(csat.previous.total).toEqual({ answers: 1, average: 2, satisfiedPercent: 0 });
    expect(csat.current.byAgent.map((a) => [a.id, a.answers, a.average])).toEqual(expect.arrayContaining([[wang, 2, 4], [li, 1, 4]]));

    const volume = await supervisor.call('reports.get', { report: 'volume', ...WEEK, agentId: li });
    expect(volume).toMatchObject({ report: 'volume', scope: 'account', agentId: li, current: { conversations: 1 } });

    const file = await supervisor.call('reports.csv', { report: 'csat', ...WEEK });
    expect(file.filename).toBe('report-csat-2025-03-03-2025-03-10.csv');
    const lines = file.csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('period,from,to,table,key,name,answers,average,satisfied_percent');
    expect(lines).toContain('current,2025-03-03,2025-03-10,total,,,3,4,66.7');
    expect(lines).toContain('previous,2025-02-24,2025-03-03,total,,,1,2,0');
  });

  it('an agent gets only their own figures, whatever agent they ask for', async () => {
    const agent = await signIn('wang.fang@demo.test', 'demo-agent');
    const csat = await agent.call('reports.get', { report: 'csat', ...WEEK, agentId: li });
    expect(csat).toMatchObject({ report: 'csat', scope: 'own', agentId: wang });
    if (csat.report !== 'csat') throw new Error('not the CSAT report');
    expect(csat.current.total.answers).toBe(2);
    expect(csat.current.byAgent.map((a) => a.id)).toEqual([wang]);
    const volume = await agent.call('reports.get', { report: 'volume', ...WEEK });
    expect(volume).toMatchObject({ scope: 'own', current: { conversations: 2 }, previous: { conversations: 1 } });
    const file = await agent.call('reports.csv', { report: 'csat', ...WEEK });
    expect(file.csv).toContain('current,2025-03-03,2025-03-10,total,,,2,4,50');
  });

  it('refuses a backwards period at the desktop, and answers offline without the connection', async () => {
    const admin = await signIn('admin@demo.test', 'demo-admin');
    expect(await admin.invoke('reports.get', { report: 'volume', from: WEEK.to, to: WEEK.from })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const away = startCore();
    cores.push(away);
    expect(await away.invoke('reports.get', { report: 'volume', ...WEEK })).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await away.invoke('reports.csv', { report: 'csat', ...WEEK })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});
