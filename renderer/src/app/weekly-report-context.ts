import { createContext, useContext } from 'react';
import type { WeeklyReportController } from './weekly-report-controller';

export const WeeklyReportContext = createContext<WeeklyReportController | null>(null);

/** The weekly report controller the app was started with (admin screen). */
export function useWeeklyReport(): WeeklyReportController {
  const controller = useContext(WeeklyReportContext);
  if (!controller) throw new Error('useWeeklyReport needs a WeeklyReportContext provider');
  return controller;
}
