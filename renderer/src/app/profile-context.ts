import { createContext, useContext } from 'react';
import type { ProfileController } from './profile-controller';

export const ProfileContext = createContext<ProfileController | null>(null);

/** The profile controller the app was started with (profile panel, quick-reply order variables). */
export function useProfile(): ProfileController {
  const controller = useContext(ProfileContext);
  if (!controller) throw new Error('useProfile needs a ProfileContext provider');
  return controller;
}
