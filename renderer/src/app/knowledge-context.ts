import { createContext, useContext } from 'react';
import type { KnowledgeController } from './knowledge-controller';

export const KnowledgeContext = createContext<KnowledgeController | null>(null);

/** The knowledge controller the app was started with (knowledge panel, quick replies). */
export function useKnowledge(): KnowledgeController {
  const controller = useContext(KnowledgeContext);
  if (!controller) throw new Error('useKnowledge needs a KnowledgeContext provider');
  return controller;
}
