import { useSyncExternalStore } from 'react';

/**
 * One shared one-second clock for countdowns and waiting times: a single interval runs while any
 * component listens, and only those components re-render each second.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let handle: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (handle === null) {
    now = Date.now();
    handle = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && handle !== null) {
      clearInterval(handle);
      handle = null;
    }
  };
}

// A cached value (React calls this repeatedly and expects the same answer); while no interval
// runs it is refreshed when more than a second old, so a first render is not stale.
function snapshot(): number {
  if (handle === null && Date.now() - now >= 1000) now = Date.now();
  return now;
}

/** The current time in ms, updated every second while the component is mounted. */
export function useSecondTick(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
