import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVisitorIdentity } from '../../server/channels/widget/visitor-identity';
import type { ChannelView } from '../../shared/channels';
import type { ContactProfile } from '../../shared/contact-profile';
import type { Conversation } from '../../shared/domain';
import { startCore } from '../support/core-harness';
import { closeAllSockets, connectVisitor, record, request, waitFor } from '../support/server-fixture';
import { bearer, createChannel, data, http, hubSignature, signWidgetVisitorsWith, startChannelServer, threadOf, type ChannelTestServer } from '../support/channels';
import { webhooksProcessed } from '../support/barriers';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { WA_PHONE_NUMBER_ID, waSent, waText } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';

const APP_SECRET = 'contacts-app-secret';
const IDENTITY_SECRET = 'widget-identity-secret';

/** What the shop's site computes for a signed-in customer (README: verified widget visitors), valid for ten minutes. */
function signIdentity(phone?: string, email?: string) {
  return signVisitorIdentity(IDENTITY_SECRET, { phone, email, expires: Math.floor(Date.now() / 1000) + 600 });
}

const targets = await databaseTargets();

describe.each(targets)('one contact across channels on $label', (target) => {
  let t: ChannelTestServer;
  let graph: RecordingServer;
  let whatsapp: ChannelView;
  let widgetId: string;

  const whatsappIn = async (id: string, body: string, from: string, name: string) => {
    const raw = JSON.stringify(waText(id, body, from, name));
    const answer = await http(`${t.server.url}/webhooks/whatsapp/${whatsapp.id}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, APP_SECRET) }, body: raw,
    });
    await webhooksProcessed(t.server);
    return answer;
  };
  const conversationOf = async (wamid: string) =>
    (await t.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [`ch:${whatsapp.id}:${wamid}`]))[0]!
      .conversation_id;
  const contactOfConversation = async (id: string) =>
    (await t.server.db.query<{ contact_id: string }>('SELECT contact_id FROM conversations WHERE id = $1', [id]))[0]!.contact_id;
  const profile = async (contactId: string, token = t.agentToken) => {
    const answer = await http(`${t.server.url}/api/contacts/${contactId}`, { headers: bearer(token) });
    if (answer.status !== 200) throw new Error(`profile: ${answer.status} ${answer.text}`);
    return answer.json as ContactProfile;
  };
  const post = (path: string, body: unknown, token = t.agentToken) =>
    http(`${t.server.url}${path}`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const audit = (action: string) =>
    t.server.db.query<{ actor_id: string | null; target_id: string; details: Record<string, unknown> }>(
      'SELECT actor_id, target_id, details FROM audit_log WHERE action = $1 ORDER BY id', [action],
    );

  beforeAll(async () => {
    graph = await startRecordingServer();
    let n = 0;
    graph.answer((r) => (r.method === 'POST' ? { json: waSent(`wamid.OUT${++n}`) } : undefined));
    t = await startChannelServer({}, target);
    whatsapp = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${graph.url}/v21.0` },
      secrets: { appSecret: APP_SECRET, verifyToken: 'v', accessToken: 'wa-token' },
    });
    widgetId = await signWidgetVisitorsWith(t, IDENTITY_SECRET);
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await graph?.close();
  });

  it('the proof: WhatsApp then the widget with the same phone is one contact with two conversations; the reply goes out on WhatsApp', async () => {
    const agent = startCore();
    try {
      await agent.call('session.login', { serverUrl: t.server.url, email: 'li.lei@demo.test', password: 'demo-agent' });
      await agent.waitForStatus('online');

      expect((await whatsappIn('wamid.PROOF1', 'Hi, I ordered the blue vase', '16505550199', 'Maya Chen')).status).toBe(200);
      const waConversation = await conversationOf('wamid.PROOF1');
      const contactId = await contactOfConversation(waConversation);

      // Later the same person opens the shop's chat while signed in there; the site signs her phone.
      const { socket, session } = await connectVisitor(t.server.url, { channelId: widgetId, identity: signIdentity('+1 (650) 555-0199') });
      expect(session.contactId).toBe(contactId);
      expect(session.name).toBe('Maya Chen');
      data(await request(socket, 'visitor:send', { clientId: randomUUID(), body: 'Writing from the website now' }));

      // The agent's desktop: two conversations, one customer.
      const mine = await waitFor(async () => {
        const list = await agent.call('conversations.list', {});
        const hers = list.filter((c) => c.contactId === contactId);
        return hers.length === 2 ? hers : undefined;
      }, 'both conversations on the desktop');
      expect(mine.map((c) => c.channelKind).sort()).toEqual(['whatsapp', 'widget']);
      // An agent's desktop gets the phone masked (shared/pii-mask.ts).
      expect(await waitFor(async () => (await agent.call('contacts.get', { contactId })) ?? undefined, 'the contact in the cache')).toMatchObject({
        id: contactId, name: 'Maya Chen', phone: '+165****0199',
      });
      const seen = await profile(contactId);
      expect(seen.identities.map((i) => i.channelKind).sort()).toEqual(['whatsapp', 'widget']);
      expect(seen.conversations.map((c) => c.channelKind).sort()).toEqual(['whatsapp', 'widget']);
      expect(seen.conversations.every((c) => c.readable)).toBe(true);
      expect((await audit('contact.identity_linked')).some((a) => a.target_id === contactId && a.details.reason === 'phone')).toBe(true);

      // The agent answers on WhatsApp; the recording server gets the Graph API call.
      graph.clear();
      await agent.call('outbox.send', { conversationId: waConversation, body: 'Hi Maya, the blue vase ships tomorrow.' });
      const call = await graph.waitFor((r) => r.method === 'POST', 'the Graph API call');
      expect(call.path).toBe(`/v21.0/${WA_PHONE_NUMBER_ID}/messages`);
      expect(call.headers.authorization).toBe('Bearer wa-token');
      expect(call.json).toEqual({
        messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505550199', type: 'text',
        text: { preview_url: false, body: 'Hi Maya, the blue vase ships tomorrow.' },
      });
    } finally {
      await agent.core.dispose();
    }
  });

  let pair: { visitorContact: string; visitorToken: string; waContact: string; waConversation: string; mergeId: string };

  it('merges a widget visitor and a WhatsApp contact automatically when the visitor brings the verified phone', async () => {
    const first = await connectVisitor(t.server.url, { channelId: widgetId, name: 'Tom' });
    data(await request(first.socket, 'visitor:send', { clientId: randomUUID(), body: 'Do you ship to Canada?' }));
    expect((await whatsappIn('wamid.TOM1', 'It is Tom, from my phone', '14165550123', 'Tom B.')).status).toBe(200);
    const waConversation = await conversationOf('wamid.TOM1');
    const waContact = await contactOfConversation(waConversation);
    expect(waContact).not.toBe(first.session.contactId);
    first.socket.close();

    const upserts = record<Conversation>(t.admin, 'conversation:upsert');
    const back = await connectVisitor(t.server.url, { channelId: widgetId, visitorToken: first.session.visitorToken, identity: signIdentity('+1 416 555 0123') });
    // The visitor's contact is older: the WhatsApp contact joins it.
    expect(back.session.contactId).toBe(first.session.contactId);
    expect(await contactOfConversation(waConversation)).toBe(first.session.contactId);
    await waitFor(() => upserts.some((c) => c.id === waConversation && c.contactId === first.session.contactId), 'the moved conversation pushed');
    const merges = await audit('contact.merge');
    const merge = merges.find((m) => m.details.mergedContactId === waContact)!;
    expect(merge).toMatchObject({ actor_id: null, target_id: first.session.contactId, details: { reason: 'phone', automatic: true } });
    const seen = await profile(first.session.contactId, t.adminToken);
    expect(seen.conversations).toHaveLength(2);
    expect(seen.merges[0]).toMatchObject({ mergedContactId: waContact, reason: 'phone', actorId: null, unmergedAt: null });
    // The old id leads to the contact that stayed.
    expect((await profile(waContact, t.adminToken)).contact.id).toBe(first.session.contactId);
    pair = { visitorContact: first.session.contactId, visitorToken: back.session.visitorToken, waContact, waConversation, mergeId: seen.merges[0]!.id };
  });

  it('lets an agent undo a merge (audited); the two are not merged automatically again', async () => {
    const undone = await post(`/api/contacts/${pair.visitorContact}/unmerge`, { mergeId: pair.mergeId }, t.adminToken);
    expect(undone.status).toBe(200);
    expect(await contactOfConversation(pair.waConversation)).toBe(pair.waContact);
    expect((await profile(pair.waContact, t.adminToken)).conversations.map((c) => c.channelKind)).toEqual(['whatsapp']);
    expect((await audit('contact.unmerge')).at(-1)).toMatchObject({ actor_id: t.adminId, details: { mergeId: pair.mergeId } });
    // Tom writes again on WhatsApp, and the visitor comes back signed: they stay apart.
    expect((await whatsappIn('wamid.TOM2', 'Still me', '14165550123', 'Tom B.')).status).toBe(200);
    expect(await contactOfConversation(await conversationOf('wamid.TOM2'))).toBe(pair.waContact);
    const again = await connectVisitor(t.server.url, { channelId: widgetId, visitorToken: pair.visitorToken, identity: signIdentity('+1 416 555 0123') });
    expect(again.session.contactId).toBe(pair.visitorContact);
    expect(await contactOfConversation(pair.waConversation)).toBe(pair.waContact);
    expect((await audit('contact.merge')).filter((m) => m.details.mergedContactId === pair.waContact || m.details.mergedContactId === pair.visitorContact)).toHaveLength(1);
  });

  it('lets an agent merge two contacts by hand, refusing while both have an open conversation on one channel', async () => {
    const a = await connectVisitor(t.server.url, { channelId: widgetId, name: 'Ana (laptop)' });
    data(await request(a.socket, 'visitor:send', { clientId: randomUUID(), body: 'Hello from my laptop' }));
    const b = await connectVisitor(t.server.url, { channelId: widgetId, name: 'Ana (phone)' });
    data(await request(b.socket, 'visitor:send', { clientId: randomUUID(), body: 'Hello from my phone' }));
    const clash = await post(`/api/contacts/${a.session.contactId}/merge`, { contactId: b.session.contactId });
    expect(clash).toMatchObject({ status: 409, json: { code: 'conflict' } });

    // Resolved on one side, the merge goes through and is audited with the agent as actor.
    const bConversation = (await t.server.db.query<{ id: string }>('SELECT id FROM conversations WHERE contact_id = $1', [b.session.contactId]))[0]!.id;
    data(await request(t.admin, 'conversation:resolve', { conversationId: bConversation }));
    const merged = await post(`/api/contacts/${a.session.contactId}/merge`, { contactId: b.session.contactId });
    expect(merged.status).toBe(200);
    const result = merged.json as { mergeId: string; profile: ContactProfile };
    expect(result.profile.conversations).toHaveLength(2);
    expect(result.profile.identities).toHaveLength(2);
    expect((await audit('contact.merge')).at(-1)).toMatchObject({ actor_id: t.agentId, details: { reason: 'manual', automatic: false } });
    // The thread of the merged conversation still reads as before.
    expect((await threadOf(t.admin, bConversation))[0]?.body).toBe('Hello from my phone');

    expect((await post(`/api/contacts/${a.session.contactId}/merge`, { contactId: a.session.contactId })).status).toBe(400);
    expect((await post(`/api/contacts/${a.session.contactId}/merge`, { contactId: 'nobody' })).status).toBe(404);
    expect((await post(`/api/contacts/${a.session.contactId}/unmerge`, { mergeId: 'nope' })).status).toBe(404);
    expect((await http(`${t.server.url}/api/contacts/${a.session.contactId}`)).status).toBe(401);
  });

  it('ignores a phone the site did not sign', async () => {
    const forged = await connectVisitor(t.server.url, { channelId: widgetId, identity: { phone: '+1 650 555 0199', signature: 'f'.repeat(64) } });
    const maya = await contactOfConversation(await conversationOf('wamid.PROOF1'));
    expect(forged.session.contactId).not.toBe(maya);
    const contact = (await t.server.db.query<{ phone: string | null }>('SELECT phone FROM contacts WHERE id = $1', [forged.session.contactId]))[0];
    expect(contact?.phone).toBeNull();
  });
});
