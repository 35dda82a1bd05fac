import { createContext, useContext } from 'react';
import type { ChannelAdminController } from './channel-admin-controller';

export const ChannelAdminContext = createContext<ChannelAdminController | null>(null);

/** The channels administration controller the app was started with (admin screen). */
export function useChannelAdmin(): ChannelAdminController {
  const controller = useContext(ChannelAdminContext);
  if (!controller) throw new Error('useChannelAdmin needs a ChannelAdminContext provider');
  return controller;
}
