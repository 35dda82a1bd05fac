import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WeeklyReportStatus, WeeklyReportTestResult } from '../../shared/weekly-report';
import { WeeklyReportJob } from '../../server/domain/reports/weekly-report-job';
import { serverForFile } from '../support/server-for-file';
import { connectAgent, connectDemoTeam, data, insertUser, login, request, type DemoPerson } from '../support/server-fixture';
import { seedReportConversation, type ReportSeed } from '../support/report-seed';
import { startSmtpRecorder, type RecordedMail, type SmtpRecorder } from '../support/smtp-recorder';

/** The server's clock: a settable instant that runs on in real time (tests move it to a due hour). */
let virtualAt = Date.parse('2025-03-05T10:00:00+08:00'); // a Wednesday in Shanghai
let realAt = Date.now();
const clock = () => virtualAt + (Date.now() - realAt);
const moveTo = (iso: string) => {
  virtualAt = Date.parse(iso);
  realAt = Date.now();
};
const file = serverForFile({ clock, weeklyReportPollMs: 24 * 3_600_000 });

/** A local time in Shanghai (UTC+8), the account's time zone here. */
const sh = (day: string, time: string) => new Date(`2025-${day}T${time}:00+08:00`);
const MAILBOX = 'service@shop.test';

// The weekly summary mail: the previous Monday-to-Sunday week (Shanghai) mailed at Monday 08:00 to
// every active supervisor and admin, once per week whatever the number of sweeps or servers.
describe('the weekly service summary mail', () => {
  let smtp: SmtpRecorder;
  let sockets: Record<DemoPerson | 'staff', Socket>;
  let accountId: string;
  let channelId: string;
  let expectedRecipients: string[];

  const ask = <T>(who: DemoPerson | 'staff', name: string, payload: unknown = {}) => request<T>(sockets[who], name, payload);
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const lines = (mail: RecordedMail) => (mail.parsed.text ?? '').split('\n');

  beforeAll(async () => {
    smtp = await startSmtpRecorder();
    const team = await connectDemoTeam(file.server.url);
    accountId = team.accountId;
    // Department staff have an email address too; they never get the mail.
    const staffLogin = { email: 'repairs.staff@demo.test', password: 'repairs-staff-password' };
    data(await request(team.sockets.admin, 'admin:user:create', { ...staffLogin, name: 'Repairs Staff', role: 'staff' }));
    const staff = await login(file.server.url, staffLogin.email, staffLogin.password);
    sockets = { ...team.sockets, staff: await connectAgent(file.server.url, staff.accessToken) };
    const db = file.server.db;
    // Routing stays still while the clock jumps: the seeded conversations stay as they are.
    await file.server.router.stop();
    await db.query(
      `INSERT INTO ticket_settings (account_id, business_hours) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET business_hours = EXCLUDED.business_hours`,
      [accountId, JSON.stringify({ timezone: 'Asia/Shanghai', days: {} })],
    );
    channelId = randomUUID();
    await db.query(
      `INSERT INTO channels (id, account_id, kind, name, config, secrets) VALUES ($1, $2, 'email', 'Email', $3::jsonb, $4::jsonb)`,
      [channelId, accountId, JSON.stringify({ address: MAILBOX, fromName: 'Shop Support', smtp: { host: '127.0.0.1', port: smtp.port, user: 'shop' } }), JSON.stringify({ smtpPassword: 'pw' })],
    );
    // A second supervisor gets the mail; one who left and a new agent do not.
    const lead = await insertUser(db, accountId, { name: 'Team lead', role: 'supervisor' });
    const gone = await insertUser(db, accountId, { name: 'Gone', role: 'supervisor' });
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [gone.id]);
    await insertUser(db, accountId, { name: 'New agent', role: 'agent' });
    const [leadRow] = await db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [lead.id]);
    expectedRecipients = ['admin@demo.test', 'supervisor@demo.test', leadRow!.email].sort();

    const [widget] = await db.query<{ id: string }>("SELECT id FROM channels WHERE account_id = $1 AND kind = 'widget' LIMIT 1", [accountId]);
    const telegram = randomUUID();
    await db.query("INSERT INTO channels (id, account_id, kind, name) VALUES ($1, $2, 'telegram', 'Telegram')", [telegram, accountId]);
    const refund = randomUUID();
    const solved = randomUUID();
    await db.query(
      `INSERT INTO conversation_tags (id, account_id, name, kind) VALUES ($1, $3, 'Refund', 'reason'), ($2, $3, '已解决', 'outcome')`,
      [refund, solved, accountId],
    );
    const seed = (s: Omit<ReportSeed, 'accountId' | 'channelId'> & { channel: 'widget' | 'telegram' }) =>
      seedReportConversation(db, { accountId, channelId: s.channel === 'widget' ? widget!.id : telegram, ...s });

    // The week 2025-03-03 (Mon) – 03-09 (Sun), Shanghai.
    // C1 widget Tue 09:00: replied 09:05 (first response 300 s), resolved 09:30 (1800 s). CSAT 5. Refund.
    await seed({
      channel: 'widget', assigneeId: team.ids.wang, createdAt: sh('03-04', '09:00'), routingState: 'assigned', assignedAt: sh('03-04', '09:02'),
      agentReplies: [sh('03-04', '09:05')], resolvedAt: sh('03-04', '09:30'), csat: { rating: 5, answeredAt: sh('03-04', '09:40') },
      tags: [refund], taggedAt: sh('03-04', '09:30'),
    });
    // C2 widget Wed 10:00: replied 10:20 (1200 s), resolved 11:00 (3600 s). CSAT 3. Refund.
    await seed({
      channel: 'widget', assigneeId: team.ids.li, createdAt: sh('03-05', '10:00'), routingState: 'assigned', assignedAt: sh('03-05', '10:10'),
      agentReplies: [sh('03-05', '10:20')], resolvedAt: sh('03-05', '11:00'), csat: { rating: 3, answeredAt: sh('03-05', '11:10') },
      tags: [refund], taggedAt: sh('03-05', '11:00'),
    });
    // C3 telegram Sun 23:00 (the week's last hour): the bot handed over at 23:01, replied 23:11 (600 s from the handoff). CSAT 4.
    await seed({
      channel: 'telegram', assigneeId: team.ids.wang, createdAt: sh('03-09', '23:00'), routingState: 'assigned', assignedAt: sh('03-09', '23:04'),
      botTurns: [{ at: sh('03-09', '23:00'), action: 'answer', sentiment: 0.2 }, { at: sh('03-09', '23:01'), action: 'handoff', sentiment: -0.1 }],
      agentReplies: [sh('03-09', '23:11')], csat: { rating: 4, answeredAt: sh('03-09', '23:30') },
    });
    // C4 telegram Thu 15:00: queued, nobody replied, resolved 15:20: abandoned (resolution 1200 s). 已解决.
    await seed({ channel: 'telegram', createdAt: sh('03-06', '15:00'), routingState: 'queued', resolvedAt: sh('03-06', '15:20'), tags: [solved], taggedAt: sh('03-06', '15:20') });
    // C5 widget Mon 00:30 Shanghai (still Sunday in UTC): only the bot, resolved by it.
    await seed({ channel: 'widget', createdAt: sh('03-03', '00:30'), routingState: 'bot', botTurns: [{ at: sh('03-03', '00:30'), action: 'answer', sentiment: 0 }] });
    // C6 widget Fri 02:00: a message left while nobody was available.
    await seed({ channel: 'widget', createdAt: sh('03-07', '02:00'), routingState: 'pending', leftMessage: true });
    // After the week (Mon 03-10 00:30 Shanghai, still Sunday in UTC): not counted.
    await seed({ channel: 'telegram', createdAt: sh('03-10', '00:30'), routingState: 'queued', resolvedAt: sh('03-10', '00:40') });
    // The week before. P1 widget Sat 12:00: replied after 90 s, resolved 12:31 (1860 s). CSAT 2. 已解决.
    await seed({
      channel: 'widget', assigneeId: team.ids.wang, createdAt: sh('03-01', '12:00'), routingState: 'assigned', assignedAt: sh('03-01', '12:01'),
      agentReplies: [new Date(sh('03-01', '12:01').getTime() + 30_000)], resolvedAt: sh('03-01', '12:31'), csat: { rating: 2, answeredAt: sh('03-01', '13:00') },
      tags: [solved], taggedAt: sh('03-01', '12:31'),
    });
    // P0 widget Sun 23:30: queued, nobody replied, resolved 23:40: abandoned (resolution 600 s).
    await seed({ channel: 'widget', createdAt: sh('03-02', '23:30'), routingState: 'queued', resolvedAt: sh('03-02', '23:40') });
  });

  afterAll(async () => {
    await smtp?.close();
  });

  it('an admin sends a test of the last full week to themselves, in the account language (Chinese by default)', async () => {
    const sent = data(await ask<WeeklyReportTestResult>('admin', 'reports:weeklySend'));
    expect(sent).toEqual({ to: 'admin@demo.test', weekStart: '2025-02-24', weekEnd: '2025-03-03' });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual(['admin@demo.test']);
    expect(mail!.parsed.subject).toBe('每周服务报告 2025-02-24 – 2025-03-02');
    expect(mail!.parsed.from?.value[0]).toEqual({ address: MAILBOX, name: 'Shop Support' });
    expect(lines(mail!)).toContain('会话数：2（上周 0，变化 +2）');
    smtp.mails.length = 0;
  });

  it('settings are for admins only; a change is audited; without an email channel nothing can be sent and the admin sees why', async () => {
    const status = data(await ask<WeeklyReportStatus>('admin', 'reports:weeklySettings:get'));
    expect(status).toEqual({
      settings: { enabled: true, weekday: 1, hour: 8, language: 'zh-CN' }, timeZone: 'Asia/Shanghai', canSend: true, reason: null, from: MAILBOX,
    });
    for (const who of ['supervisor', 'wang', 'staff'] as const) {
      expect(await ask(who, 'reports:weeklySettings:get')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(who, 'reports:weeklySettings:set', { enabled: false, weekday: 1, hour: 8, language: 'en' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(who, 'reports:weeklySend')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await ask('admin', 'reports:weeklySettings:set', { enabled: true, weekday: 8, hour: 8, language: 'en' })).toMatchObject({ ok: false });

    const saved = data(await ask<WeeklyReportStatus>('admin', 'reports:weeklySettings:set', { enabled: true, weekday: 1, hour: 8, language: 'en' }));
    expect(saved.settings).toEqual({ enabled: true, weekday: 1, hour: 8, language: 'en' });
    const audit = await file.server.db.query<{ action: string; details: unknown }>(
      "SELECT action, details FROM audit_log WHERE account_id = $1 AND target_type = 'weekly_report_settings'", [accountId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('settings.update');

    await file.server.db.query('UPDATE channels SET enabled = false WHERE id = $1', [channelId]);
    try {
      expect(data(await ask<WeeklyReportStatus>('admin', 'reports:weeklySettings:get'))).toMatchObject({ canSend: false, reason: 'no_email_channel', from: null });
      expect(await ask('admin', 'reports:weeklySend')).toMatchObject({ ok: false, error: { code: 'conflict' } });
      moveTo('2025-03-10T08:00:00+08:00');
      await file.server.weeklyReport.sweep();
      expect(smtp.attempts).toBe(1); // only the test mail before
    } finally {
      await file.server.db.query('UPDATE channels SET enabled = true WHERE id = $1', [channelId]);
      moveTo('2025-03-05T10:00:00+08:00');
    }
  });

  it('Monday 08:00 in Shanghai: each supervisor and admin gets exactly one mail with the week hand-counted', async () => {
    moveTo('2025-03-10T07:59:00+08:00');
    await file.server.weeklyReport.sweep();
    expect(smtp.mails).toHaveLength(0);

    moveTo('2025-03-10T08:00:00+08:00');
    await file.server.weeklyReport.sweep();
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(expectedRecipients);
    for (const mail of smtp.mails) {
      expect(mail.parsed.subject).toBe('Weekly service summary 2025-03-03 – 2025-03-09');
      expect(mail.parsed.from?.value[0]).toEqual({ address: MAILBOX, name: 'Shop Support' });
      expect(mail.parsed.html).toContain('Weekly service summary');
    }
    const text = lines(smtp.mails[0]!);
    expect(text).toContain('Week 2025-03-03 – 2025-03-09 (Asia/Shanghai), compared with 2025-02-24 – 2025-03-02.');
    // C1–C6 against P0, P1. First responses [300, 600, 1200]: p90 = 600 + 0.8 × 600; resolutions
    // [1200, 1800, 3600] against [600, 1860] (median 1230). Queued C1–C4, C6; abandoned C4 (1 of 5)
    // against P0 (1 of 2). CSAT 5, 3, 4 against 2. Bot: C3 handed over, C5 resolved by the bot.
    expect(text).toEqual(expect.arrayContaining([
      'Conversations: 6 (previous week 2, change +4)',
      '  Web chat: 4 (previous week 2, change +2)',
      '  Telegram: 2 (previous week 0, change +2)',
      'First response, median: 10 min (previous week 1 min 30 s, change +8 min 30 s)',
      'First response, 90th percentile: 18 min (previous week 1 min 30 s, change +16 min 30 s)',
      'Resolution time, median: 30 min (previous week 20 min 30 s, change +9 min 30 s)',
      'Abandoned in the queue: 20.0% (previous week 50.0%, change -30.0 pts)',
      'Messages left while nobody was available: 1 (previous week 0, change +1)',
      'Satisfaction (CSAT), average: 4.00 (previous week 2.00, change +2.00)',
      'Satisfaction answers: 3 (previous week 1, change +2)',
      'Satisfied (4–5 stars): 66.7% (previous week 0.0%, change +66.7 pts)',
      'Resolved by the bot: 50.0% (previous week —, change —)',
      'Handed over by the bot: 50.0% (previous week —, change —)',
      'Top conversation tags:',
      '  Refund: 2 (previous week 0, change +2)',
      '  已解决: 1 (previous week 1, change 0)',
    ]));

    // Again, and from a second server's job on the same database: nothing more.
    const attempts = smtp.attempts;
    await file.server.weeklyReport.sweep();
    const errors: unknown[] = [];
    const other = new WeeklyReportJob({ db: file.server.db, clock, logError: (err) => errors.push(err) });
    await other.sweep();
    await other.stop();
    expect(errors).toEqual([]);
    expect(smtp.attempts).toBe(attempts);
    expect(smtp.mails).toHaveLength(expectedRecipients.length);
  });

  it('a refused mail is sent again after the backoff, once, and only to whom did not get it', async () => {
    smtp.mails.length = 0;
    moveTo('2025-03-17T08:00:00+08:00');
    smtp.refuse({ code: 451, message: 'try again later' }, 1);
    const before = smtp.attempts;
    await file.server.weeklyReport.sweep();
    expect(smtp.attempts - before).toBe(expectedRecipients.length);
    expect(smtp.mails).toHaveLength(expectedRecipients.length - 1);
    const missed = expectedRecipients.filter((to) => mailsTo(to).length === 0);
    expect(missed).toHaveLength(1);

    // Not yet due again: the next sweep leaves it.
    await file.server.weeklyReport.sweep();
    expect(smtp.attempts - before).toBe(expectedRecipients.length);

    moveTo('2025-03-17T08:05:30+08:00');
    await file.server.weeklyReport.sweep();
    await file.server.weeklyReport.sweep();
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(expectedRecipients);
    expect(mailsTo(missed[0]!)[0]!.parsed.subject).toBe('Weekly service summary 2025-03-10 – 2025-03-16');
    const [row] = await file.server.db.query<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM weekly_report_mailings WHERE account_id = $1 AND week_start = '2025-03-10'", [accountId],
    );
    expect(row).toEqual({ status: 'sent', attempts: 2 });
  });

  it('two servers sweeping at the due hour at once mail the week once', async () => {
    smtp.mails.length = 0;
    moveTo('2025-03-24T08:00:00+08:00');
    const errors: unknown[] = [];
    const other = new WeeklyReportJob({ db: file.server.db, clock, logError: (err) => errors.push(err) });
    await Promise.all([file.server.weeklyReport.sweep(), other.sweep()]);
    await other.stop();
    expect(errors).toEqual([]);
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(expectedRecipients);
    expect(new Set(smtp.mails.map((m) => m.parsed.subject))).toEqual(new Set(['Weekly service summary 2025-03-17 – 2025-03-23']));
  });
});
