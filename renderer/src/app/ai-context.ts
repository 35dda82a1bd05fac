import { createContext, useContext } from 'react';
import type { AiController } from './ai-controller';

export const AiContext = createContext<AiController | null>(null);

/** The AI provider controller the app was started with (admin screen, composer). */
export function useAi(): AiController {
  const controller = useContext(AiContext);
  if (!controller) throw new Error('useAi needs an AiContext provider');
  return controller;
}
