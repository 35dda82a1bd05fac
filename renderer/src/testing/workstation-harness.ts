import type { ConnectionState, SessionState } from '../../../shared/contract';
import type { User } from '../../../shared/domain';
import type { DesktopNotification } from '../../../shared/notifications';
import { createWorkstationStores, type WorkstationStores } from '../app/stores';
import { createWorkstationController, type Started, type WorkstationController } from '../app/workstation-controller';
import { FakeBridge } from './fake-bridge';
import { ManualTimers } from './manual-timers';
import { Reports } from './reports';
import { untilStore } from './until-store';

export const agentUser: User = { id: 'u1', accountId: 'acc', email: 'li@example.com', name: 'Li Na', role: 'agent' };
export const sessionOf = (user: User): SessionState => ({
  signedIn: true,
  user,
  serverUrl: 'http://127.0.0.1:7340',
  lastEmail: user.email,
});
export const signedIn: SessionState = sessionOf(agentUser);
export const signedOut: SessionState = {
  signedIn: false,
  user: null,
  serverUrl: 'http://127.0.0.1:7340',
  lastEmail: agentUser.email,
};
export const online: ConnectionState = { status: 'online', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null };
export const offline: ConnectionState = {
  status: 'offline',
  since: '2025-01-01T10:05:00.000Z',
  error: { code: 'server_unreachable', message: 'ECONNREFUSED' },
  nextRetryAt: '2025-01-01T10:05:05.000Z',
};

/** One workstation controller over a fake bridge, with its own stores, timers and reports. */
export class WorkstationHarness {
  readonly fake = new FakeBridge();
  readonly stores: WorkstationStores = createWorkstationStores();
  readonly timers = new ManualTimers();
  readonly reports = new Reports();
  readonly shown: DesktopNotification[] = [];
  readonly controller: WorkstationController;
  private running: Started | null = null;

  constructor() {
    this.controller = createWorkstationController(this.fake.bridge, this.reports.report, {
      stores: this.stores,
      timers: this.timers,
      notifier: { show: (notification) => this.shown.push(notification) },
    });
  }

  /** Starts the controller and waits until its first state is read. */
  async start(): Promise<void> {
    this.running = this.controller.start();
    await this.running.ready;
  }

  /** Starts the controller without waiting (the test waits for what it is about). */
  startNow(): Started {
    this.running = this.controller.start();
    return this.running;
  }

  /** Opens a conversation and waits until its messages and its saved draft are read. */
  async open(conversationId: string): Promise<void> {
    this.controller.selectConversation(conversationId);
    await untilStore(this.stores.thread, (s) => s.byConversation[conversationId]?.status === 'ready', `${conversationId}'s messages`);
    await untilStore(this.stores.drafts, (s) => s.byConversation[conversationId]?.loaded === true, `${conversationId}'s draft`);
  }

  stop(): void {
    this.running?.();
    this.running = null;
  }
}
