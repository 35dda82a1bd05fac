import type { Server } from 'socket.io';
import { z } from 'zod';
import type { RouterPeers, ToldKind } from '../domain/routing/router';

const TOLD_EVENT = 'router:told';
const toldSchema = z.tuple([z.enum(['state', 'member', 'status']), z.string().max(200), z.string().max(10_000).nullable()]);

/**
 * The routers of the other nodes, reached with socket.io's server-side events through the shared
 * adapter (Redis or PostgreSQL); on one node nothing is sent anywhere.
 */
export function routerPeers(io: Server): RouterPeers {
  return {
    told(kind: ToldKind, id: string, key: string | null) {
      io.serverSideEmit(TOLD_EVENT, kind, id, key);
    },
    onTold(handler) {
      io.on(TOLD_EVENT, (...args: unknown[]) => {
        const parsed = toldSchema.safeParse(args);
        if (parsed.success) handler(...parsed.data);
      });
    },
  };
}
