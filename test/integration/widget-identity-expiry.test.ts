import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_MAX_LIFETIME_SECONDS, signVisitorIdentity } from '../../server/channels/widget/visitor-identity';
import type { VisitorMessage } from '../../shared/protocol';
import { signWidgetVisitorsWith, startChannelServer, type ChannelTestServer } from '../support/channels';
import { databaseTargets } from '../support/databases';
import { closeAllSockets, connectVisitor, data, request, visitorSays } from '../support/server-fixture';

// The shop's site signs a signed-in customer's phone with an expiry. Once it has passed, the same
// address (copied from a shared link, a proxy log or the browser history) is only a stranger.

const IDENTITY_SECRET = 'expiring-identity-secret';
const PHONE = '+1 650 555 0142';
const targets = await databaseTargets();

describe.each(targets)('signed widget identity expiry on $label', (target) => {
  let t: ChannelTestServer;
  let widgetId: string;
  let now = Date.parse('2026-12-07T10:00:00Z');
  const nowSeconds = () => Math.floor(now / 1000);
  const history = async (socket: Parameters<typeof request>[0]) =>
    data(await request<{ messages: VisitorMessage[] }>(socket, 'visitor:history', {})).messages.map((m) => m.body);
  const phoneOf = async (contactId: string) =>
    (await t.server.db.query<{ phone: string | null }>('SELECT phone FROM contacts WHERE id = $1', [contactId]))[0]?.phone ?? null;

  beforeAll(async () => {
    t = await startChannelServer({ clock: () => now }, target);
    widgetId = await signWidgetVisitorsWith(t, IDENTITY_SECRET);
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
  });

  it('a replayed identity after its expiry neither joins the contact nor shows their history', async () => {
    const identity = signVisitorIdentity(IDENTITY_SECRET, { phone: PHONE, expires: nowSeconds() + 10 * 60 });
    const customer = await connectVisitor(t.server.url, { channelId: widgetId, identity });
    await visitorSays(t.server, { socket: customer.socket, contactId: customer.session.contactId }, 'My card ends in 4242');
    expect(await phoneOf(customer.session.contactId)).toBe('+16505550142');
    expect(await history(customer.socket)).toEqual(['My card ends in 4242']);

    // Still valid a moment later: the same address joins the same customer.
    now += 5 * 60_000;
    const sameCustomer = await connectVisitor(t.server.url, { channelId: widgetId, identity });
    expect(sameCustomer.session.contactId).toBe(customer.session.contactId);

    // Twelve minutes after signing the address has expired (ten, plus the clock skew allowance).
    now += 7 * 60_000;
    const replay = await connectVisitor(t.server.url, { channelId: widgetId, identity });
    expect(replay.session.contactId).not.toBe(customer.session.contactId);
    expect(await history(replay.socket)).toEqual([]);
    expect(await phoneOf(replay.session.contactId)).toBeNull();

    // The shop signs again: the customer is back with their history.
    const fresh = signVisitorIdentity(IDENTITY_SECRET, { phone: PHONE, expires: nowSeconds() + 10 * 60 });
    const back = await connectVisitor(t.server.url, { channelId: widgetId, identity: fresh });
    expect(back.session.contactId).toBe(customer.session.contactId);
    expect(await history(back.socket)).toEqual(['My card ends in 4242']);
  });

  it('refuses an identity signed to stay valid longer than a day, and one without an expiry', async () => {
    const tooLong = signVisitorIdentity(IDENTITY_SECRET, { phone: PHONE, expires: nowSeconds() + IDENTITY_MAX_LIFETIME_SECONDS + 3600 });
    const longLived = await connectVisitor(t.server.url, { channelId: widgetId, identity: tooLong });
    expect(await phoneOf(longLived.session.contactId)).toBeNull();
    expect(await history(longLived.socket)).toEqual([]);

    const { expires: _expires, ...withoutExpiry } = signVisitorIdentity(IDENTITY_SECRET, { phone: PHONE, expires: nowSeconds() + 600 });
    const unbounded = await connectVisitor(t.server.url, { channelId: widgetId, identity: withoutExpiry });
    expect(await phoneOf(unbounded.session.contactId)).toBeNull();
  });
});
