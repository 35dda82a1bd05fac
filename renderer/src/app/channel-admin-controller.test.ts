import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../../shared/channels';
import type { ConnectionState, SessionState } from '../../../shared/contract';
import { useChannelAdminStore } from '../stores/channel-admin-store';
import { useConnectionStore } from '../stores/connection-store';
import { useSessionStore } from '../stores/session-store';
import { FakeBridge } from '../testing/fake-bridge';
import { untilStore } from '../testing/until-store';
import { createChannelAdminController, type ChannelAdminController } from './channel-admin-controller';

const admin = { id: 'adm', accountId: 'acc', email: 'admin@example.com', name: 'Admin', role: 'admin' as const };
const signedIn = (user = admin): SessionState => ({ signedIn: true, user, serverUrl: 'http://127.0.0.1:7340', lastEmail: user.email });
const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
const offline: ConnectionState = { ...online, status: 'offline', since: '2025-01-01T10:05:00.000Z' };

function channel(id: string, over: Partial<ChannelView> = {}): ChannelView {
  return {
    id, kind: 'telegram', name: id, enabled: true, source: 'admin', config: {}, secretsSet: [], webhooks: [],
    createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', ...over,
  };
}

let fake: FakeBridge;
let controller: ChannelAdminController;
let stop: () => void;

beforeEach(() => {
  useSessionStore.setState({ phase: 'ready', session: signedIn(), error: null });
  useConnectionStore.setState({ connection: online });
  useChannelAdminStore.getState().reset();
  fake = new FakeBridge();
  controller = createChannelAdminController(fake.bridge);
  stop = controller.start();
});

afterEach(() => stop());

describe('channels in the admin screen', () => {
  it('lists the channels with the skill groups, and still lists them when the groups cannot be read', async () => {
    fake.answer('channels.list', () => [channel('tg')]).answer('team.list', () => ({ agents: [], groups: [{ id: 'g1', name: '售后', open: true }] }));
    await controller.load();
    expect(useChannelAdminStore.getState()).toMatchObject({ status: 'ready', channels: [{ id: 'tg' }], groups: [{ id: 'g1' }] });
    fake.failWith('team.list', 'forbidden');
    await controller.load();
    expect(useChannelAdminStore.getState()).toMatchObject({ status: 'ready', channels: [{ id: 'tg' }], groups: [] });
  });

  it('reads the list again when the connection is back after a failure, and forgets it when someone else signs in', async () => {
    fake.failWith('channels.list', 'offline');
    await controller.load();
    expect(useChannelAdminStore.getState()).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    fake.answer('channels.list', () => [channel('tg')]).answer('team.list', () => ({ agents: [], groups: [] }));
    useConnectionStore.setState({ connection: offline });
    useConnectionStore.setState({ connection: online });
    await untilStore(useChannelAdminStore, (s) => s.status === 'ready', 'the channels read again');
    expect(useChannelAdminStore.getState()).toMatchObject({ status: 'ready', channels: [{ id: 'tg' }] });
    useSessionStore.setState({ session: signedIn({ ...admin, id: 'other' }) });
    expect(useChannelAdminStore.getState()).toMatchObject({ status: 'idle', channels: [] });
  });

  it('puts a saved channel in the list, takes a deleted one out, and passes a refusal on with its field', async () => {
    fake.answer('channels.list', () => [channel('tg')]).answer('team.list', () => ({ agents: [], groups: [] }));
    await controller.load();
    fake.answer('channels.save', () => channel('tg', { name: 'Telegram Support' }));
    await controller.save({ op: 'update', id: 'tg', changes: { name: 'Telegram Support' } });
    expect(useChannelAdminStore.getState().channels).toEqual([channel('tg', { name: 'Telegram Support' })]);
    fake.answer('channels.delete', () => ({ deleted: true }));
    await controller.remove('tg');
    expect(useChannelAdminStore.getState().channels).toEqual([]);
    fake.failWith('channels.save', 'bad_request', 'config: phoneNumberId: Invalid input', { field: 'config.phoneNumberId' });
    await expect(controller.save({ op: 'create', channel: { kind: 'whatsapp', name: 'WA' } })).rejects.toMatchObject({
      code: 'bad_request', details: { field: 'config.phoneNumberId' },
    });
  });
});
