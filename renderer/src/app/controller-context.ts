import { createContext, useContext } from 'react';
import type { WorkstationController } from './workstation-controller';

export const ControllerContext = createContext<WorkstationController | null>(null);

/** The controller the app was started with. */
export function useController(): WorkstationController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController needs a ControllerContext provider');
  return controller;
}
