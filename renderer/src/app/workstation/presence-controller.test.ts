import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/contract';
import { agentState } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { answerOneConversationCore } from '../../testing/workstation-answers';
import { signedIn, signedOut, WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;

beforeEach(() => {
  h = new WorkstationHarness();
  answerOneConversationCore(h.fake, new Map<string, Draft>(), signedIn);
});

afterEach(() => h.stop());

/** Answers presence.set like the core: the server's new state, also pushed as presence.changed. */
function answerPresenceSet(base = agentState()) {
  h.fake.answer('presence.set', ({ presence }) => {
    const state = { ...base, presence };
    h.fake.emit('presence.changed', state);
    return state;
  });
}
const presenceCalls = () => h.fake.callsOf('presence.set').map((a) => (a as { presence: string }).presence);
const presence = () => h.stores.presence.getState();

/** Signed in, online, with auto-away after a minute. */
async function startOnline() {
  await h.start();
  answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
  h.fake.emit('presence.changed', agentState({ presence: 'online', autoAwaySeconds: 60 }));
}

describe('presence', () => {
  it('reads the agent\'s presence and load when signed in', async () => {
    h.fake.answer('presence.get', () => agentState({ presence: 'busy', load: 3, maxChats: 5 }));
    await h.start();
    expect(presence().agent).toMatchObject({ presence: 'busy', load: 3, maxChats: 5 });
  });

  it('presence.changed updates the presence and load', async () => {
    await h.start();
    h.fake.emit('presence.changed', agentState({ presence: 'online', load: 2 }));
    expect(presence().agent).toMatchObject({ presence: 'online', load: 2 });
    h.fake.emit('presence.changed', agentState({ presence: 'online', load: 4 }));
    expect(presence().agent?.load).toBe(4);
  });

  it('ignores a presence.changed for someone else, and a malformed one', async () => {
    await h.start();
    h.fake.emit('presence.changed', agentState({ userId: 'u9', presence: 'busy' }));
    h.fake.emit('presence.changed', { userId: 'u1', presence: 'sleeping' } as never);
    expect(presence().agent).toBeNull();
  });

  it('setting the presence calls presence.set and shows the answer', async () => {
    await h.start();
    h.fake.emit('presence.changed', agentState({ presence: 'online' }));
    answerPresenceSet();
    await h.controller.setPresence('busy');
    expect(h.fake.callsOf('presence.set')).toEqual([{ presence: 'busy' }]);
    expect(presence().agent?.presence).toBe('busy');
  });

  it('a presence change that needs the connection fails with the offline code', async () => {
    await h.start();
    h.fake.emit('presence.changed', agentState({ presence: 'online' }));
    h.fake.failWith('presence.set', 'offline');
    await expect(h.controller.setPresence('away')).rejects.toMatchObject({ code: 'offline' });
    expect(presence().agent?.presence).toBe('online');
  });
});

describe('auto-away', () => {
  it('idle while online sets away, and the next activity comes back online', async () => {
    await startOnline();
    h.timers.advance(59_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
    h.timers.advance(1_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away']);
    expect(presence()).toMatchObject({ agent: { presence: 'away' }, autoAway: true });

    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away', 'online']);
    expect(presence()).toMatchObject({ agent: { presence: 'online' }, autoAway: false });
  });

  it('an agent reading a long thread in the focused window stays online; away comes after the window is left', async () => {
    await startOnline();
    h.controller.setWindowVisible(true);
    h.timers.advance(30 * 60_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
    h.controller.setWindowVisible(false);
    h.timers.advance(59_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
    h.timers.advance(1_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away']);
    // Back to the window: online again without a keystroke.
    h.controller.setWindowVisible(true);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away', 'online']);
    expect(presence()).toMatchObject({ agent: { presence: 'online' }, autoAway: false });
  });

  it('activity keeps an agent online', async () => {
    await startOnline();
    for (let i = 0; i < 5; i++) {
      h.timers.advance(50_000);
      h.controller.noteActivity();
    }
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
  });

  it('never changes busy or offline', async () => {
    await startOnline();
    h.fake.emit('presence.changed', agentState({ presence: 'busy', autoAwaySeconds: 60 }));
    h.timers.advance(120_000);
    h.controller.noteActivity();
    h.fake.emit('presence.changed', agentState({ presence: 'offline', autoAwaySeconds: 60 }));
    h.timers.advance(120_000);
    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
  });

  it('never undoes an away the agent chose', async () => {
    await startOnline();
    await h.controller.setPresence('away');
    h.timers.advance(120_000);
    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away']);
    expect(presence()).toMatchObject({ agent: { presence: 'away' }, autoAway: false });
  });

  it('choosing a presence by hand while auto-away ends it', async () => {
    await startOnline();
    h.timers.advance(60_000);
    await untilStore(h.stores.presence, (s) => s.autoAway, 'auto-away');
    await h.controller.setPresence('busy');
    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away', 'busy']);
    expect(presence()).toMatchObject({ agent: { presence: 'busy' }, autoAway: false });
  });

  it('coming back while offline is tried again on the next activity once the connection is back', async () => {
    await startOnline();
    h.timers.advance(60_000);
    await h.controller.presenceSettled();
    h.fake.failWith('presence.set', 'offline');
    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presence().autoAway).toBe(true);
    answerPresenceSet(agentState({ autoAwaySeconds: 60 }));
    h.controller.noteActivity();
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual(['away', 'online', 'online']);
    expect(presence()).toMatchObject({ agent: { presence: 'online' }, autoAway: false });
  });

  it('signing out forgets the presence and stops auto-away', async () => {
    await startOnline();
    h.fake.emit('session.changed', signedOut);
    expect(presence().agent).toBeNull();
    h.timers.advance(120_000);
    await h.controller.presenceSettled();
    expect(presenceCalls()).toEqual([]);
  });
});
