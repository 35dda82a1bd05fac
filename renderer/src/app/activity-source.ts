/** Events that show a person is at the workstation. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focus'] as const;

/** Frequent events (pointer moves, wheel) are passed on at most this often. */
export const ACTIVITY_THROTTLE_MS = 1000;

/**
 * Calls `onActivity` when the person uses the keyboard, mouse or touch, or focuses the window;
 * at most once per `throttleMs`. Returns a function that stops listening.
 */
export function watchActivity(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  onActivity: () => void,
  { throttleMs = ACTIVITY_THROTTLE_MS, now = () => Date.now() }: { throttleMs?: number; now?: () => number } = {},
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const listener = () => {
    const at = now();
    if (at - last < throttleMs) return;
    last = at;
    onActivity();
  };
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, listener, options);
  return () => {
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, listener, options);
  };
}
