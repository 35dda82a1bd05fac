import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for an OpenAI-compatible provider on 127.0.0.1: `POST /embeddings` and
 * `POST /chat/completions` in the OpenAI response format. It records every request (headers and
 * body), embeds deterministically (a hashed bag of words and character bigrams, normalised), and
 * answers chat as scripted: by default it names the first numbered article it was given. A test
 * can make it fail with a status, or hold its answers until `release()` (to drive a timeout).
 */

export const FAKE_DIMS = 64;

export type FakeRequest = { path: string; authorization: string | undefined; body: Record<string, unknown> };

export type ChatMessageIn = { role: string; content: string };

/** What a chat completion answers: text, an HTTP failure, or holding the answer. */
export type ChatScript = (messages: ChatMessageIn[]) => { content: string } | { status: number } | 'hold';

export type FakeOpenAi = {
  /** The base URL, as an admin types it (`http://127.0.0.1:port/v1`). */
  url: string;
  requests: FakeRequest[];
  /** The inputs embedded so far, across requests. */
  embeddedInputs(): string[];
  /** Embeds `input` as if it were `like` (a paraphrase the model would see as the same). */
  embedLike(input: string, like: string): void;
  /** How chat completions answer from now on. */
  chat(script: ChatScript): void;
  /** Every /embeddings request answers this status (null: answer normally), or holds ('hold'). */
  embeddings(mode: number | 'hold' | null): void;
  /** Lets held requests go (they are answered as scripted then). */
  release(): void;
  close(): Promise<void>;
};

/** The default chat script: "ARTICLE: [1]" and a sentence from the first article given. */
export const citeFirstArticle: ChatScript = (messages) => {
  const text = messages.map((m) => m.content).join('\n');
  const first = /^\[1\] (.+)$/m.exec(text);
  if (!first) return { content: '- Thank you for waiting, let me check that for you.\n- Could you tell me your order number?' };
  return { content: `ARTICLE: [1]\nModel answer from "${first[1]}".` };
};

/** The deterministic vector of a text: words and character bigrams hashed into FAKE_DIMS buckets, unit length. */
export function fakeVector(text: string): number[] {
  const v = new Array<number>(FAKE_DIMS).fill(0);
  const lower = text.toLowerCase();
  const grams = [...(lower.match(/[\p{L}\p{N}]+/gu) ?? [])];
  const chars = [...lower.replace(/\s+/g, ' ')];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  for (const g of grams) {
    const h = createHash('sha256').update(g).digest();
    v[h.readUInt32BE(0) % FAKE_DIMS]! += h[4]! & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const like = new Map<string, string>();
  let script: ChatScript = citeFirstArticle;
  let embeddingMode: number | 'hold' | null = null;
  let held: (() => void)[] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: { message: 'not JSON' } });
    }
    const path = (req.url ?? '').replace(/^\/v1/, '');
    requests.push({ path, authorization: req.headers.authorization, body });
    if (req.method !== 'POST') return json(res, 405, { error: { message: 'POST only' } });
    if (path === '/embeddings') {
      const answer = () => {
        if (typeof embeddingMode === 'number') return json(res, embeddingMode, { error: { message: 'scripted failure' } });
        const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
        json(res, 200, {
          object: 'list', model: body.model,
          data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: fakeVector(like.get(input) ?? input) })),
          usage: { prompt_tokens: 0, total_tokens: 0 },
        });
      };
      if (embeddingMode === 'hold') held.push(answer);
      else answer();
      return;
    }
    if (path === '/chat/completions') {
      const messages = (body.messages ?? []) as ChatMessageIn[];
      const answer = (outcome: ReturnType<ChatScript>) => {
        if (outcome === 'hold') return;
        if ('status' in outcome) return json(res, outcome.status, { error: { message: 'scripted failure' } });
        json(res, 200, {
          id: `chatcmpl-${requests.length}`, object: 'chat.completion', model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: outcome.content }, finish_reason: 'stop' }],
        });
      };
      const outcome = script(messages);
      if (outcome === 'hold') held.push(() => answer(citeFirstArticle(messages)));
      else answer(outcome);
      return;
    }
    json(res, 404, { error: { message: `no ${path}` } });
  }

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => json(res, 500, { error: { message: 'fake failed' } })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddedInputs: () => requests.filter((r) => r.path === '/embeddings').flatMap((r) => (Array.isArray(r.body.input) ? r.body.input : [r.body.input]).map(String)),
    embedLike: (input, other) => void like.set(input, other),
    chat: (s) => void (script = s),
    embeddings: (mode) => void (embeddingMode = mode),
    release: () => {
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
