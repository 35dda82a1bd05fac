import { createContext, useContext } from 'react';
import type { WebNotifier } from './web-notifications';

/** The page's web notifications, where the page shows them itself (the browser); null in the Electron shell. */
export const NotifierContext = createContext<WebNotifier | null>(null);

export function useWebNotifier(): WebNotifier | null {
  return useContext(NotifierContext);
}
