import type { SessionState, Unsubscribe } from '../../../shared/contract';
import { useSessionStore } from '../stores/session-store';

function signedInUser(session: SessionState | null): string | null {
  return session?.signedIn ? (session.user?.id ?? null) : null;
}

/**
 * Calls `run` with the new user (null when signed out) whenever the signed-in user changes:
 * sign-in, sign-out, another user. Returns a function that stops it.
 */
export function onUserChange(run: (user: string | null) => void): Unsubscribe {
  return useSessionStore.subscribe((next, previous) => {
    const user = signedInUser(next.session);
    if (user !== signedInUser(previous.session)) run(user);
  });
}
