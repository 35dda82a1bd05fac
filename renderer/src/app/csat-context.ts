import { createContext, useContext } from 'react';
import type { CsatController } from './csat-controller';

export const CsatContext = createContext<CsatController | null>(null);

/** The satisfaction survey controller the app was started with (admin screen). */
export function useCsat(): CsatController {
  const controller = useContext(CsatContext);
  if (!controller) throw new Error('useCsat needs a CsatContext provider');
  return controller;
}
