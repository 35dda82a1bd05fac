import type { FakeBridge } from './fake-bridge';

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
