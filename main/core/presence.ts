import type { EventSink } from '../../shared/contract';
import type { AgentState, Presence } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';

export interface PresenceTransport {
  isOnline(): boolean;
  request(name: 'presence:set', payload: { presence: Presence }): Promise<AgentRequestResult<'presence:set'>>;
}

/** The agent's own presence and load, as the server last said; setting it needs the connection. */
export class PresenceService {
  private state: AgentState | null = null;

  constructor(
    private readonly transport: PresenceTransport,
    private readonly emit: EventSink,
  ) {}

  current(): AgentState | null {
    return this.state;
  }

  apply(state: AgentState): void {
    this.state = state;
    this.emit('presence.changed', state);
  }

  async set(presence: Presence): Promise<AgentState> {
    if (!this.transport.isOnline()) throw new AppError('offline', 'You are offline; your status changes when the connection is back');
    const { state } = await this.transport.request('presence:set', { presence });
    this.apply(state);
    return state;
  }

  clear(): void {
    this.state = null;
  }
}
