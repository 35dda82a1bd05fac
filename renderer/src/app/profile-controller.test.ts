import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/contact-profile';
import type { SessionState } from '../../../shared/contract';
import { useProfileStore } from '../features/profile/profile-store';
import { useConnectionStore } from '../stores/connection-store';
import { useContactsStore } from '../stores/contacts-store';
import { useInboxStore } from '../stores/inbox-store';
import { useSessionStore } from '../stores/session-store';
import { FakeBridge } from '../testing/fake-bridge';
import { conversation } from '../testing/fixtures';
import { untilStore } from '../testing/until-store';
import { createProfileController, type ProfileController } from './profile-controller';

const agent = { id: 'u1', accountId: 'acc', email: 'wang@example.com', name: '王芳', role: 'agent' as const };
const signedIn = (user = agent): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });
const contact = { id: 'k1', name: '张伟', phone: '+861****8000', email: null, vipLevel: 2, tags: ['vip'], tagGroups: { basic: ['vip'], behaviour: [], need: [] } };
const profile: CustomerProfile = {
  contact, identities: [], conversations: [], merges: [], orders: { status: 'ok', source: 'store', orders: [] }, lifetimeSpend: [], notes: [], masked: true,
};
const online = { status: 'online' as const, since: '2026-01-01T00:00:00.000Z', error: null, nextRetryAt: null };
const offline = { ...online, status: 'offline' as const };

let fake: FakeBridge;
let controller: ProfileController;
let selected: (string | null)[];
let stop: () => void;

beforeEach(() => {
  useSessionStore.setState({ phase: 'ready', session: signedIn(), error: null });
  useConnectionStore.setState({ connection: online });
  useInboxStore.getState().reset();
  useInboxStore.getState().setLoaded([conversation({ id: 'v1', contactId: 'k1' }), conversation({ id: 'v2', contactId: 'k1' })]);
  useProfileStore.getState().reset();
  useContactsStore.getState().reset();
  fake = new FakeBridge();
  fake.answer('contacts.profile', () => ({ profile, stale: false, savedAt: '2026-01-02T00:00:00.000Z' }));
  selected = [];
  controller = createProfileController(fake.bridge, { selectConversation: (id) => selected.push(id) }, () => undefined);
  stop = controller.start();
});

afterEach(() => stop());

describe('the profile controller', () => {
  it('loads the profile of the customer of the conversation opened', async () => {
    useInboxStore.getState().select('v1');
    await untilStore(useProfileStore, (s) => s.byContact.k1?.status === 'ready', "k1's profile");
    expect(fake.callsOf('contacts.profile')).toEqual([{ contactId: 'k1' }]);
    expect(useProfileStore.getState().byContact.k1).toMatchObject({ status: 'ready', stale: false, profile });
  });

  it('does not ask for the profile of a conversation that is no longer ours', async () => {
    useInboxStore.getState().setLoaded([conversation({ id: 'v3', contactId: 'k3', access: 'lost' })]);
    useInboxStore.getState().select('v3');
    // A profile read would be asked for as the selection changes.
    expect(fake.callsOf('contacts.profile')).toEqual([]);
    expect(useProfileStore.getState().byContact.k3).toBeUndefined();
  });

  it('forgets revealed values when the agent leaves the conversation', async () => {
    useInboxStore.getState().select('v1');
    fake.answer('contacts.unmask', () => ({ contactId: 'k1', conversationId: 'v1', field: 'phone', value: '+86 138 0013 8000', identities: [], addresses: [] }));
    await controller.unmask('k1', 'v1', 'phone');
    expect(useProfileStore.getState().reveals?.items.map((r) => r.value)).toEqual(['+86 138 0013 8000']);
    useInboxStore.getState().select('v2');
    expect(useProfileStore.getState().reveals).toBeNull();
  });

  it('throws the offline error for an edit, leaving the profile as it was', async () => {
    useInboxStore.getState().select('v1');
    await untilStore(useProfileStore, (s) => s.byContact.k1?.status === 'ready', "k1's profile");
    fake.failWith('contacts.setTags', 'offline', 'Changing tags needs the connection');
    await expect(controller.setTags('k1', 'need', ['invoice'])).rejects.toMatchObject({ code: 'offline' });
    fake.failWith('contacts.addNote', 'offline');
    await expect(controller.addNote('k1', 'call back')).rejects.toMatchObject({ code: 'offline' });
    expect(useProfileStore.getState().byContact.k1?.profile).toEqual(profile);
  });

  it('shows a changed contact at once, and a stale profile is read again when the connection is back', async () => {
    fake.answer('contacts.profile', () => ({ profile, stale: true, savedAt: '2026-01-02T00:00:00.000Z' }));
    useConnectionStore.setState({ connection: offline });
    useInboxStore.getState().select('v1');
    await untilStore(useProfileStore, (s) => s.byContact.k1?.status === 'ready', "k1's profile");
    expect(useProfileStore.getState().byContact.k1?.stale).toBe(true);

    fake.emit('contact.updated', { ...contact, tags: ['vip', 'night owl'], tagGroups: { basic: ['vip'], behaviour: ['night owl'], need: [] } });
    expect(useProfileStore.getState().byContact.k1?.profile?.contact.tags).toEqual(['vip', 'night owl']);

    fake.answer('contacts.profile', () => ({ profile, stale: false, savedAt: '2026-01-03T00:00:00.000Z' }));
    useConnectionStore.setState({ connection: online });
    expect(fake.callsOf('contacts.profile')).toHaveLength(2);
    await untilStore(useProfileStore, (s) => s.byContact.k1?.stale === false, "k1's profile read again");
    expect(useProfileStore.getState().byContact.k1?.stale).toBe(false);
  });

  it('shows a rename in the profile and the cached contact; a refused one changes nothing', async () => {
    useInboxStore.getState().select('v1');
    await untilStore(useProfileStore, (s) => s.byContact.k1?.status === 'ready', "k1's profile");
    fake.answer('contacts.rename', ({ name }) => ({ ...contact, name }));
    await controller.rename('k1', '张伟先生');
    expect(fake.callsOf('contacts.rename')).toEqual([{ contactId: 'k1', name: '张伟先生' }]);
    expect(useProfileStore.getState().byContact.k1?.profile?.contact.name).toBe('张伟先生');
    expect(useContactsStore.getState().byId.k1?.name).toBe('张伟先生');

    fake.failWith('contacts.rename', 'not_found', 'contact not found');
    await expect(controller.rename('k1', '别人')).rejects.toMatchObject({ code: 'not_found' });
    expect(useProfileStore.getState().byContact.k1?.profile?.contact.name).toBe('张伟先生');
  });

  it('shows a conversation taken over or resolved in the profile at once, with its new owner', async () => {
    const listed = { ...conversation({ id: 'v1', contactId: 'k1', seq: 1, assigneeId: 'u1', assigneeName: '王芳' }), readable: true };
    const hidden = { ...conversation({ id: 'v9', contactId: 'k1', seq: 1, assigneeId: 'u2', assigneeName: '李雷' }), lastMessagePreview: '', readable: false };
    const { access: _a, unread: _u, labels: _l, ...first } = listed;
    const { access: _b, unread: _v, labels: _m, ...second } = hidden;
    fake.answer('contacts.profile', () => ({ profile: { ...profile, conversations: [first, second] }, stale: false, savedAt: '2026-01-02T00:00:00.000Z' }));
    useInboxStore.getState().select('v1');
    await untilStore(useProfileStore, (s) => s.byContact.k1?.status === 'ready', "k1's profile");

    // The inbox store is what the workstation writes every pushed conversation to.
    useInboxStore.getState().upsert(conversation({ id: 'v1', contactId: 'k1', seq: 5, access: 'lost', assigneeId: 'sup', assigneeName: '陈琳' }));
    useInboxStore.getState().upsert(conversation({ id: 'v9', contactId: 'k1', seq: 6, status: 'resolved', assigneeId: 'u2', assigneeName: '李雷', lastMessagePreview: 'secret' }));
    const shown = useProfileStore.getState().byContact.k1?.profile?.conversations;
    expect(shown?.map((c) => [c.id, c.assigneeName, c.status, c.readable])).toEqual([
      ['v1', '陈琳', 'open', true],
      ['v9', '李雷', 'resolved', false],
    ]);
    // What the agent may not read stays hidden.
    expect(shown?.[1]?.lastMessagePreview).toBe('');
    expect(shown?.[0]).not.toHaveProperty('access');
  });

  it('opens a conversation from the profile in the inbox', () => {
    controller.openConversation('v2');
    expect(selected).toEqual(['v2']);
  });
});
