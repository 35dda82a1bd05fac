import { runReport } from '../../domain/reports/run-report';
import type { AgentRequestContext } from './agent-request-context';

/** Reports (counted for the caller: agents get their own figures only). */
export function registerReportRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, clock } = services;
  serve('reports:volume', async (query) => runReport(db, user, 'volume', query, clock()));
  serve('reports:times', async (query) => runReport(db, user, 'times', query, clock()));
  serve('reports:queue', async (query) => runReport(db, user, 'queue', query, clock()));
  serve('reports:csat', async (query) => runReport(db, user, 'csat', query, clock()));
  serve('reports:bot', async (query) => runReport(db, user, 'bot', query, clock()));
  serve('reports:sentiment', async (query) => runReport(db, user, 'sentiment', query, clock()));
  serve('reports:tags', async (query) => runReport(db, user, 'tags', query, clock()));
}
