import { createContext, useContext } from 'react';
import type { SupervisionController } from './supervision-controller';

export const SupervisionContext = createContext<SupervisionController | null>(null);

/** The supervision controller the app was started with (live monitor, admin screen). */
export function useSupervision(): SupervisionController {
  const controller = useContext(SupervisionContext);
  if (!controller) throw new Error('useSupervision needs a SupervisionContext provider');
  return controller;
}
