import { createContext, useContext } from 'react';
import type { TicketsController } from './tickets-controller';

export const TicketsContext = createContext<TicketsController | null>(null);

/** The tickets controller the app was started with (Tickets view, create-ticket dialog). */
export function useTickets(): TicketsController {
  const controller = useContext(TicketsContext);
  if (!controller) throw new Error('useTickets needs a TicketsContext provider');
  return controller;
}
