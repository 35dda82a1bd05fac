import type { Draft, SessionState } from '../../../shared/contract';
import type { FakeBridge } from './fake-bridge';
import { conversation, draft, message } from './fixtures';
import { online, signedIn, WorkstationHarness } from './workstation-harness';

/**
 * Answers the calls a signed-in workstation makes besides its session, connection and inbox with
 * nothing to tell: no presence, no team, empty threads, no drafts, contacts or activity.
 */
export function answerQuietWorkstation(fake: FakeBridge): FakeBridge {
  return fake
    .answer('presence.get', () => null)
    .answer('team.list', () => ({ agents: [], groups: [] }))
    .answer('messages.list', () => [])
    .answer('drafts.get', () => null)
    .answer('drafts.save', () => null)
    .answer('contacts.get', () => null)
    .answer('activity.set', () => ({}))
    .answer('activity.list', () => []);
}

/**
 * Answers like a client core with one conversation (c1, one message per thread) and the drafts in
 * `savedDrafts`, which drafts.save changes as the core would. Nothing else is answered.
 */
export function answerOneConversationCore(fake: FakeBridge, savedDrafts: Map<string, Draft>, session: SessionState): FakeBridge {
  return fake
    .answer('session.get', () => session)
    .answer('connection.get', () => online)
    .answer('conversations.list', () => [conversation({ id: 'c1', seq: 1 })])
    .answer('presence.get', () => null)
    .answer('messages.list', ({ conversationId }) => [message({ id: `${conversationId}-m1`, conversationId, seq: 1 })])
    .answer('drafts.get', ({ conversationId }) => savedDrafts.get(conversationId) ?? null)
    .answer('drafts.save', ({ conversationId, body }) => {
      if (body === '') {
        savedDrafts.delete(conversationId);
        return null;
      }
      const saved = draft({ conversationId, body, reason: savedDrafts.get(conversationId)?.reason ?? null });
      savedDrafts.set(conversationId, saved);
      return saved;
    });
}

/** A started workstation for a signed-in agent whose core answers one conversation; `savedDrafts` are the core's drafts. */
export async function startedWithOneConversation(savedDrafts = new Map<string, Draft>()): Promise<WorkstationHarness> {
  const h = new WorkstationHarness();
  answerOneConversationCore(h.fake, savedDrafts, signedIn);
  await h.start();
  return h;
}
