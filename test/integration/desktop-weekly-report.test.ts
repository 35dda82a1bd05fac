import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCore, type TestCore } from '../support/core-harness';
import { serverForFile } from '../support/server-for-file';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';

const fixture = serverForFile();
const DAY = 86_400_000;

/** The Monday starting the full week before this one and that week's Sunday, in Shanghai (UTC+8, the demo shop's business hours). */
function lastFullWeekInShanghai(now: number): { monday: string; sunday: string } {
  const today = Math.floor((now + 8 * 3_600_000) / DAY) * DAY;
  const thisMonday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { monday: day(thisMonday - 7 * DAY), sunday: day(thisMonday - DAY) };
}

// The weekly summary mail's admin settings and test mail through the real client core and server.
describe('the weekly report on the desktop', () => {
  const cores: TestCore[] = [];
  let smtp: SmtpRecorder;

  beforeAll(async () => {
    smtp = await startSmtpRecorder();
  });

  afterAll(async () => {
    for (const c of cores) await c.core.dispose();
    await smtp?.close();
  });

  const signIn = (email: string, password: string) => signedInCore(cores, fixture.server.url, email, password);

  it('an admin sees that no mail can go out without an email channel, adds one, saves a schedule and gets a test mail', async () => {
    const admin = await signIn('admin@demo.test', 'demo-admin');
    const supervisor = await signIn('supervisor@demo.test', 'demo-supervisor');
    expect(await supervisor.invoke('weeklyReport.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await supervisor.invoke('weeklyReport.sendTest', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await admin.call('weeklyReport.settings', {})).toEqual({
      settings: { enabled: true, weekday: 1, hour: 8, language: 'zh-CN' }, timeZone: 'Asia/Shanghai', canSend: false, reason: 'no_email_channel', from: null,
    });
    expect(await admin.invoke('weeklyReport.sendTest', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const [account] = await fixture.server.db.query<{ account_id: string }>("SELECT account_id FROM users WHERE email = 'admin@demo.test'");
    await fixture.server.db.query(
      `INSERT INTO channels (id, account_id, kind, name, config) VALUES ($1, $2, 'email', 'Email', $3::jsonb)`,
      [randomUUID(), account!.account_id, JSON.stringify({ address: 'help@shop.test', fromName: 'Shop Help', smtp: { host: '127.0.0.1', port: smtp.port } })],
    );
    const saved = await admin.call('weeklyReport.saveSettings', { enabled: true, weekday: 3, hour: 9, language: 'en' });
    expect(saved).toMatchObject({ settings: { enabled: true, weekday: 3, hour: 9, language: 'en' }, canSend: true, reason: null, from: 'help@shop.test' });

    const week = lastFullWeekInShanghai(Date.now());
    const sent = await admin.call('weeklyReport.sendTest', {});
    expect(sent).toMatchObject({ to: 'admin@demo.test', weekStart: week.monday });
    const mail = await smtp.waitFor((m) => m.to.includes('admin@demo.test'), 'the test mail');
    expect(mail.parsed.subject).toBe(`Weekly service summary ${week.monday} – ${week.sunday}`);
    expect(smtp.mails).toHaveLength(1);
  });
});
