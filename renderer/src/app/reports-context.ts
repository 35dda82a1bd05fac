import { createContext, useContext } from 'react';
import type { ReportsController } from './reports-controller';

export const ReportsContext = createContext<ReportsController | null>(null);

/** The reports controller the app was started with (the Reports screen). */
export function useReports(): ReportsController {
  const controller = useContext(ReportsContext);
  if (!controller) throw new Error('useReports needs a ReportsContext provider');
  return controller;
}
