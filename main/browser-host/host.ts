import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventName, EventPayload } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { HOST_SOCKET_PATH, hostRequestSchema, type HostFrame } from '../../shared/host-protocol';
import { createCore } from '../core';
import type { Core } from '../core/types';
import { FileSecrets, FileSettings } from './file-settings';
import { staticHandler } from './static-files';

export interface BrowserHostOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The client core's data folder (settings, later the local cache). */
  dataDir: string;
  /** The renderer build to serve (out/renderer). */
  rendererDir: string;
  /** The server the sign-in form offers first. */
  defaultServerUrl?: string;
  /** Wait before each reconnect attempt (the core's own curve when omitted; tests pass a short one). */
  reconnectDelay?: (attempt: number) => number;
}

export interface RunningBrowserHost {
  url: string;
  core: Core;
  close(): Promise<void>;
}

/**
 * Runs the client core in Node exactly as the Electron shell does, serves the renderer build,
 * and answers the contract over a WebSocket, so the same UI runs in any Chromium.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, frame: HostFrame) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload });
  };
  const core = createCore({
    settings: new FileSettings(join(options.dataDir, 'settings.json')),
    secrets: new FileSecrets(join(options.dataDir, 'secrets.json')),
    emit,
    dataDir: options.dataDir,
    ...(options.defaultServerUrl ? { defaultServerUrl: options.defaultServerUrl } : {}),
    ...(options.reconnectDelay ? { reconnectDelay: options.reconnectDelay } : {}),
  });

  const http: Server = createServer((req, res) => {
    void staticHandler(options.rendererDir)(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    // Only our own page may drive the core: a page on another origin gets no socket.
    if (path !== HOST_SOCKET_PATH || !isSameOrigin(req.headers.origin, req.headers.host)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', async (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      const request = hostRequestSchema.safeParse(frame);
      if (!request.success) return;
      const result = await dispatch(core.handlers, request.data.method, request.data.args);
      send(ws, { type: 'result', id: request.data.id, result });
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    core,
    async close() {
      await core.dispose();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
