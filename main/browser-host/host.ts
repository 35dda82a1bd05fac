import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventName, EventPayload } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { HOST_KEY_PARAM, HOST_SOCKET_PATH, hostRequestSchema, type HostFrame } from '../../shared/host-protocol';
import { isLoopbackHostHeader } from '../../shared/loopback';
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
  /** The address to open: it carries this launch's key, without which the page gets no socket. */
  url: string;
  core: Core;
  close(): Promise<void>;
}

/**
 * Runs the client core in Node exactly as the Electron shell does, serves the renderer build,
 * and answers the contract over a WebSocket, so the same UI runs in any Chromium.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  // Made anew at each launch: another page or program on this machine cannot guess it.
  const key = randomBytes(32).toString('base64url');
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

  const serveStatic = staticHandler(options.rendererDir);
  const http: Server = createServer((req, res) => {
    // A name other than this machine's means a page reached us through DNS rebinding.
    if (!isLoopbackHostHeader(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    void serveStatic(req, res);
  });
  // Large enough for the largest file a channel takes (100 MB) as base64 in an upload's frame.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 160 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    // Only our own page may drive the core: a page on another origin or reached under another
    // name, or one that was not given this launch's key, gets no socket.
    if (!mayOpenSocket(req, key)) {
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
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/?${HOST_KEY_PARAM}=${key}`,
    core,
    async close() {
      await core.dispose();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function mayOpenSocket(req: IncomingMessage, key: string): boolean {
  const url = new URL(req.url ?? '/', 'http://host');
  return (
    url.pathname === HOST_SOCKET_PATH &&
    isLoopbackHostHeader(req.headers.host) &&
    isSameOrigin(req.headers.origin, req.headers.host) &&
    sameSecret(url.searchParams.get(HOST_KEY_PARAM), key)
  );
}

function sameSecret(given: string | null, key: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
