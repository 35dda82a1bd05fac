import { createContext, useContext } from 'react';
import type { KnowledgeAdminController } from './knowledge-admin-controller';

export const KnowledgeAdminContext = createContext<KnowledgeAdminController | null>(null);

/** The knowledge base and bot administration controller the app was started with (admin screen). */
export function useKnowledgeAdmin(): KnowledgeAdminController {
  const controller = useContext(KnowledgeAdminContext);
  if (!controller) throw new Error('useKnowledgeAdmin needs a KnowledgeAdminContext provider');
  return controller;
}
