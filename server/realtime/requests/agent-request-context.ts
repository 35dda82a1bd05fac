import type { Socket } from 'socket.io';
import type { User } from '../../../shared/domain';
import type { agentRequests } from '../../../shared/protocol';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import type { KnowledgeCache } from '../../domain/bot/knowledge-cache';
import type { AiService } from '../../domain/ai/ai-service';
import type { DomainEvents } from '../../domain/events';
import type { OrdersOptions } from '../../domain/orders/orders-connector';
import type { Router } from '../../domain/routing/router';
import type { SensitiveWordCache } from '../../domain/sensitive/sensitive-screen';
import type { ActivityRelay } from '../activity-relay';
import type { TypingRelay } from '../typing-relay';
import type { Serve } from '../request-handler';

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
  /** Looks for due channel deliveries now (a ticket's message to a platform customer was stored). */
  kickDeliveries?: () => void;
};

/** One authenticated workstation socket, as each feature's requests see it. */
export type AgentRequestContext = {
  serve: Serve<typeof agentRequests>;
  user: User;
  socket: Socket;
  services: AgentServices;
};
