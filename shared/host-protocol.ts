import { z } from 'zod';
import { resultSchema } from './errors';

/**
 * Frames between the renderer and the browser host over one WebSocket. The host serves the same
 * contract as the Electron shell; these are only its wire shapes.
 */
export const HOST_SOCKET_PATH = '/__switchboard';

/**
 * The query parameter carrying the key the browser host makes at each launch: the address it
 * prints has it, and the page presents it when it opens the socket.
 */
export const HOST_KEY_PARAM = 'k';

export const hostRequestSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  args: z.unknown(),
});
export type HostRequest = z.infer<typeof hostRequestSchema>;

export const hostFrameSchema = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), result: resultSchema(z.unknown()) }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type HostFrame = z.infer<typeof hostFrameSchema>;
