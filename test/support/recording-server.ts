import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './wait';

/** One request a platform's API received. */
export type RecordedRequest = {
  method: string;
  /** Path with its query string, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as JSON, or null when it is not JSON. */
  json: unknown;
  at: number;
};

export type RecordedAnswer = { status?: number; json?: unknown; text?: string; headers?: Record<string, string> };
export type Responder = (request: RecordedRequest) => RecordedAnswer | undefined;

/**
 * A local HTTP server standing in for a platform's API: it records every request and answers the
 * way the platform documents (each test sets the answers). Listens on loopback only.
 */
export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers requests with the first responder that returns an answer (newest first); 200 `{}` otherwise. */
  answer(responder: Responder): () => void;
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): RecordedRequest[];
  waitFor(predicate: (r: RecordedRequest) => boolean, what: string, timeoutMs?: number): Promise<RecordedRequest>;
  clear(): void;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responders: Responder[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = body ? (JSON.parse(body) as unknown) : null;
      } catch {
        json = null;
      }
      const parsed = new URL(req.url ?? '/', 'http://recorder.invalid');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET', url: req.url ?? '/', path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body, json, at: Date.now(),
      };
      requests.push(recorded);
      let answer: RecordedAnswer | undefined;
      for (const responder of responders) {
        answer = responder(recorded);
        if (answer) break;
      }
      const status = answer?.status ?? 200;
      const headers = { ...(answer?.headers ?? {}) };
      if (answer?.text !== undefined) {
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(answer.text);
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(answer?.json ?? {}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(responder) {
      responders = [responder, ...responders];
      return () => {
        responders = responders.filter((r) => r !== responder);
      };
    },
    to: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    waitFor: (predicate, what, timeoutMs = 10_000) => waitUntil(() => requests.find(predicate), what, timeoutMs),
    clear: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
