import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Message, ReplyMaskPolicy } from '../../shared/domain';
import type { VisitorMessage } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { connectDemoTeam, connectVisitor, data, quietTeam, record, request, visitorSays, waitFor } from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';

type Sent = { message: Message; conversation: Conversation };
type Visitor = { socket: Socket; contactId: string; messages: VisitorMessage[]; heard: string[] };

const t = serverForFile({ routingSweepMs: 60_000 });

describe('personal data in agent replies', () => {
  let sockets: Record<'wang' | 'li' | 'supervisor' | 'admin', Socket>;
  let accountId: string;
  let adminId: string;

  const ask = <T>(who: keyof typeof sockets, name: string, payload: unknown) => request<T>(sockets[who], name, payload);
  const storedBody = async (messageId: string) =>
    (await t.server.db.query<{ body: string }>('SELECT body FROM messages WHERE id = $1', [messageId]))[0]?.body;

  async function visitor(name: string): Promise<Visitor> {
    const heard: string[] = [];
    const { socket, session } = await connectVisitor(t.server.url, { name }, (s) => s.onAny((_e: string, payload: unknown) => heard.push(JSON.stringify(payload))));
    return { socket, contactId: session.contactId, messages: record<VisitorMessage>(socket, 'message:new'), heard };
  }

  /** 王芳 replies in a new customer's conversation; resolves once the customer's widget has the reply. */
  async function replyToNewCustomer(name: string, body: string): Promise<{ sent: Sent; v: Visitor; id: string }> {
    const v = await visitor(name);
    const { conversationId: id } = await visitorSays(t.server, v, '你好');
    const sent = data(await ask<Sent>('wang', 'message:send', { conversationId: id, clientId: randomUUID(), body }));
    await waitFor(() => v.messages.some((m) => m.id === sent.message.id), 'the customer to get the reply');
    return { sent, v, id };
  }
  const bodyOnWidget = (v: Visitor, sent: Sent) => v.messages.find((m) => m.id === sent.message.id)!.body;

  beforeAll(async () => {
    const team = await connectDemoTeam(t.server.url);
    sockets = team.sockets;
    accountId = team.accountId;
    adminId = team.ids.admin;
    await quietTeam(t.server, team.sockets);
  });

  it('masks the card number after 银行卡号, not only the word, in what the customer gets and what is stored', async () => {
    const { sent, v } = await replyToNewCustomer('Kara Card', '我的银行卡号是 6222 0000 1111 2222');
    const masked = '我的****是 **** **** **** ****';
    expect(sent.message.body).toBe(masked);
    expect(sent.conversation.lastMessagePreview).toBe(masked);
    expect(bodyOnWidget(v, sent)).toBe(masked);
    expect(await storedBody(sent.message.id)).toBe(masked);
    expect(v.heard.join('\n')).not.toContain('2222');
  });

  it('masks card, ID and phone numbers with no sensitive word at all, on the widget, in history and in storage', async () => {
    const body = '已为您登记：卡 4111-1111-1111-1111，身份证 11010519491231002X，手机 +86 138 0013 8000。';
    const masked = '已为您登记：卡 ****-****-****-****，身份证 ******************，手机 +** *** **** ****。';
    const { sent, v } = await replyToNewCustomer('Ivan Id', body);
    expect(bodyOnWidget(v, sent)).toBe(masked);
    expect(await storedBody(sent.message.id)).toBe(masked);
    const history = data(await request<{ messages: VisitorMessage[] }>(v.socket, 'visitor:history', {})).messages;
    expect(history.find((m) => m.id === sent.message.id)?.body).toBe(masked);
    // The colleagues' copy is the masked one too.
    const seen = data(await ask<{ messages: Message[] }>('supervisor', 'messages:list', { conversationId: sent.conversation.id })).messages;
    expect(seen.find((m) => m.id === sent.message.id)?.body).toBe(masked);
    for (const clear of ['4111', '11010519491231002X', '13800138000', '138 0013 8000']) expect(v.heard.join('\n')).not.toContain(clear);
  });

  it('sends order numbers, timestamps and prices as written', async () => {
    const body = '订单号 2023120700001238 已于 1701907200002 发货，金额 ¥1,299.00，日期 2023-12-07。';
    const { sent, v } = await replyToNewCustomer('Otto Order', body);
    expect(bodyOnWidget(v, sent)).toBe(body);
    expect(await storedBody(sent.message.id)).toBe(body);
  });

  it('lets only admins turn masking off, audits it, tells every workstation, and follows it from the next reply', async () => {
    expect(data(await ask<{ policy: ReplyMaskPolicy }>('li', 'sensitive:list', {})).policy).toEqual({ maskPersonalData: true });
    for (const who of ['wang', 'supervisor'] as const) {
      expect(await ask(who, 'sensitive:policy', { maskPersonalData: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await ask('admin', 'sensitive:policy', { maskPersonalData: 'no' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const changed = record<object>(sockets.li, 'sensitive:changed');
    expect(data(await ask<{ policy: ReplyMaskPolicy }>('admin', 'sensitive:policy', { maskPersonalData: false }))).toEqual({
      policy: { maskPersonalData: false },
    });
    await waitFor(() => changed.length === 1, 'the workstations to hear of the change');
    expect(data(await ask<{ policy: ReplyMaskPolicy }>('li', 'sensitive:list', {})).policy).toEqual({ maskPersonalData: false });
    const audit = await t.server.db.query<{ actor_id: string; target_type: string; details: unknown }>(
      "SELECT actor_id, target_type, details FROM audit_log WHERE account_id = $1 AND action = 'settings.update'",
      [accountId],
    );
    expect(audit).toEqual([
      { actor_id: adminId, target_type: 'settings', details: { before: { maskPersonalData: true }, after: { maskPersonalData: false } } },
    ]);

    const off = await replyToNewCustomer('Fay Off', '卡 4111 1111 1111 1111');
    expect(bodyOnWidget(off.v, off.sent)).toBe('卡 4111 1111 1111 1111');
    // With the setting off, a masked word still masks the number written with it.
    const word = await replyToNewCustomer('Wes Word', '银行卡号 4111 1111 1111 1111');
    expect(bodyOnWidget(word.v, word.sent)).toBe('**** **** **** **** ****');

    data(await ask('admin', 'sensitive:policy', { maskPersonalData: true }));
    const on = await replyToNewCustomer('Nia On', '卡 4111 1111 1111 1111');
    expect(bodyOnWidget(on.v, on.sent)).toBe('卡 **** **** **** ****');
    await pushesFlushed(...Object.values(sockets));
  });
});
