import { useEffect, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { ReportAnswer, ReportName, ReportQuery } from '../../../../shared/reports';
import { useReports } from '../../app/reports-context';

export type ReportLoad<K extends ReportName> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'failed'; error: AppErrorShape }
  | { state: 'ready'; answer: ReportAnswer<K> };

/**
 * One report for the query, read again whenever the query changes or the connection comes back;
 * idle without a query or the connection. An answer that arrives after the query changed is dropped.
 */
export function useReport<K extends ReportName>(name: K, query: ReportQuery | null, online: boolean): ReportLoad<K> {
  const reports = useReports();
  const [load, setLoad] = useState<ReportLoad<K>>({ state: 'idle' });
  useEffect(() => {
    if (!online || !query) {
      setLoad({ state: 'idle' });
      return;
    }
    let live = true;
    setLoad({ state: 'loading' });
    reports.get(name, query).then(
      (answer) => live && setLoad({ state: 'ready', answer }),
      (err: unknown) => live && setLoad({ state: 'failed', error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [reports, name, query, online]);
  return load;
}
