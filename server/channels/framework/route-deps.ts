import type { Server } from 'socket.io';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ChannelDirectory } from '../../domain/channels/channel-directory';
import type { InboundMessages } from './inbound';

/** What every adapter's webhook routes work with. */
export type ChannelRouteDeps = {
  db: Db;
  io: Server;
  clock: Clock;
  directory: ChannelDirectory;
  inbound: InboundMessages;
  /** How long WeChat callbacks may take before they are answered anyway (the platform allows 5 s). */
  wechatReplyBudgetMs: number;
};
