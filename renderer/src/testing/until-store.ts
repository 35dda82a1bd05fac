import type { StoreApi } from 'zustand';

/** How long a test waits for a condition before it fails saying what it waited for. */
export const UNTIL_TIMEOUT_MS = 2000;

/**
 * Resolves with the store's state once `predicate` holds (at once if it already does); rejects
 * after `timeoutMs` with an error naming `what` it waited for.
 */
export function untilStore<S>(
  store: Pick<StoreApi<S>, 'getState' | 'subscribe'>,
  predicate: (state: S) => boolean,
  what: string,
  timeoutMs: number = UNTIL_TIMEOUT_MS,
): Promise<S> {
  const now = store.getState();
  if (predicate(now)) return Promise.resolve(now);
  return new Promise<S>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}
