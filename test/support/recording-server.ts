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
  /** The body's bytes as sent (a multipart upload's file). */
  raw: Buffer;
  /** The body as JSON, or null when it is not JSON. */
  json: unknown;
  at: number;
};

/** An answer: JSON (the default), text, or raw bytes (a platform's file download; give its content-type in `headers`). */
export type RecordedAnswer = { status?: number; json?: unknown; text?: string; bytes?: Buffer; headers?: Record<string, string> };
/** Answers one request, or passes it on (undefined); a promise holds the answer back until it settles (a slow platform). */
export type Responder = (request: RecordedRequest) => RecordedAnswer | undefined | Promise<RecordedAnswer | undefined>;

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
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      let json: unknown = null;
      try {
        json = body ? (JSON.parse(body) as unknown) : null;
      } catch {
        json = null;
      }
      const parsed = new URL(req.url ?? '/', 'http://recorder.invalid');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET', url: req.url ?? '/', path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body, raw, json, at: Date.now(),
      };
      requests.push(recorded);
      void respond(recorded).then((answer) => {
        const status = answer?.status ?? 200;
        const headers = { ...(answer?.headers ?? {}) };
        if (answer?.bytes !== undefined) {
          res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': String(answer.bytes.length), ...headers }).end(answer.bytes);
        } else if (answer?.text !== undefined) {
          res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(answer.text);
        } else {
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(answer?.json ?? {}));
        }
      });
    });
  });
  async function respond(recorded: RecordedRequest): Promise<RecordedAnswer | undefined> {
    for (const responder of responders) {
      const answer = await responder(recorded);
      if (answer) return answer;
    }
    return undefined;
  }
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

/** A multipart/form-data request's fields, parsed as a server would (files as File, with name and type). */
export function formOf(request: RecordedRequest): Promise<FormData> {
  return new Response(new Uint8Array(request.raw), { headers: { 'content-type': String(request.headers['content-type'] ?? '') } }).formData();
}

/** A multipart request's file field: its name, type and bytes. */
export async function formFile(request: RecordedRequest, field: string): Promise<{ name: string; type: string; bytes: Buffer }> {
  const value = (await formOf(request)).get(field);
  if (!value || typeof value === 'string') throw new Error(`the request has no file in ${field}`);
  return { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
}
