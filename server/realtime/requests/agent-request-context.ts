import type { Socket } from 'socket.io';
import type { User } from '../../../shared/domain';
import type { agentRequests } from '../../../shared/protocol';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import type { KnowledgeCache } from '../../domain/bot/knowledge-cache';
import type { AiService } from '../../domain/ai/ai-service';
import type { TopicJob } from '../../domain/topics/topic-job';
import type { DomainEvents } from '../../domain/events';
import type { OrdersOptions } from '../../domain/orders/orders-connector';
import type { Router } from '../../domain/routing/router';
import type { SensitiveWordCache } from '../../domain/sensitive/sensitive-screen';
import type { ActivityRelay } from '../activity-relay';
import type { TypingRelay } from '../typing-relay';
import type { Serve } from '../request-handler';
import type { CsatService } from '../../domain/csat/csat-service';
import type { WeeklyReportJob } from '../../domain/reports/weekly-report-job';

/** What the workstation's requests work with, one set per server. */
export type AgentServices = {
  db: Db;
  clock: Clock;
  logError: ErrorLogger;
  events: DomainEvents;
  router: Router;
  sensitive: SensitiveWordCache;
  activity: ActivityRelay;
  /** "Is typing" between widget customers and agents. */
  typing: TypingRelay;
  knowledge: KnowledgeCache;
  orders?: OrdersOptions;
  /** The optional AI provider (reply suggestions); absent: the requests that need it answer `conflict`. */
  ai?: AiService;
  /** Question clustering runs (a supervisor's `topics:run` queues one). */
  topics?: Pick<TopicJob, 'request'>;
  /** Looks for due channel deliveries now (a ticket's message to a platform customer was stored). */
  kickDeliveries?: () => void;
  /** Satisfaction surveys, sent after a resolve; absent: none are sent. */
  csat?: Pick<CsatService, 'afterResolve'>;
  /** The weekly summary mail (an admin's test mail); absent: `reports:weeklySend` fails. */
  weeklyReport?: Pick<WeeklyReportJob, 'sendTest'>;
  /** Signs links to customers' stored files (`attachments:url`); absent: the server keeps no files. */
  fileLinkSecret?: string;
};

/** One authenticated workstation socket, as each feature's requests see it. */
export type AgentRequestContext = {
  serve: Serve<typeof agentRequests>;
  user: User;
  socket: Socket;
  services: AgentServices;
};
