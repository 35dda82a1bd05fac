import { useEffect, useRef } from 'react';
import type { Template } from '../../../../shared/domain';

/**
 * Commands whose state lives in a component (the resolve picker, the transfer dialog, the quick
 * reply picker, the side pane's tab): a shortcut or the palette asks, and the component on screen
 * answers. Each request names what it carries.
 */
export interface UiRequests {
  resolve: undefined;
  transfer: undefined;
  /** Opens the quick reply picker in the reply box. */
  quickReply: undefined;
  /** Shows the knowledge tab with the cursor in its search box. */
  knowledgeSearch: undefined;
  /** Shows the knowledge tab (an article was just opened in it). */
  knowledgeTab: undefined;
  /** Puts a quick reply, filled for the open conversation, into the reply box. */
  insertTemplate: Template;
}
export type UiRequest = keyof UiRequests;

type Listener<R extends UiRequest> = (payload: UiRequests[R]) => void;
const listeners = new Map<UiRequest, Set<Listener<never>>>();

/** Asks the component on screen to do it; false when none is there to answer. */
export function requestUi<R extends UiRequest>(request: R, ...payload: UiRequests[R] extends undefined ? [] : [UiRequests[R]]): boolean {
  const set = listeners.get(request) as Set<Listener<R>> | undefined;
  if (!set || set.size === 0) return false;
  for (const listener of [...set]) listener(payload[0] as UiRequests[R]);
  return true;
}

/** Answers a request while the component is mounted (the latest handler is called). */
export function useUiRequest<R extends UiRequest>(request: R, handler: Listener<R>): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener: Listener<R> = (payload) => latest.current(payload);
    const set = (listeners.get(request) ?? new Set()) as Set<Listener<R>>;
    set.add(listener);
    listeners.set(request, set as Set<Listener<never>>);
    return () => void set.delete(listener);
  }, [request]);
}
