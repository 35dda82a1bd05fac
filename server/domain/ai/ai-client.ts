import { z } from 'zod';
import type { AiFailureCode } from '../../../shared/ai';

/** Where and how to reach an OpenAI-compatible provider for one call. */
export type AiEndpoint = { baseUrl: string; apiKey: string | null; timeoutMs: number };

/** A failed call, with a stable code (shared/ai.ts) and a message that never holds the key. */
export class AiCallError extends Error {
  constructor(readonly code: AiFailureCode, message: string) {
    super(message);
    this.name = 'AiCallError';
  }
}

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

const embeddingsAnswer = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })).min(1),
});
const chatAnswer = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/** Statuses worth one more try: the provider or a proxy in front of it was momentarily down. */
const RETRYABLE = new Set([502, 503, 504]);

/**
 * One JSON POST to `{baseUrl}{path}` with the Bearer key, bounded by the endpoint's timeout. Only
 * a refused connection or a 502/503/504 is retried (`retries` times): a timeout is not, so a
 * customer never waits more than one timeout per call.
 */
async function post(endpoint: AiEndpoint, path: string, body: unknown, retries: number): Promise<unknown> {
  if (!endpoint.baseUrl) throw new AiCallError('not_configured', 'no provider URL is set');
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${endpoint.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(endpoint.timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new AiCallError('timeout', `${path} took longer than ${endpoint.timeoutMs} ms`);
      if (attempt < retries) continue;
      throw new AiCallError('unreachable', `${path}: ${(err as Error).message}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      if (RETRYABLE.has(response.status) && attempt < retries) continue;
      if (response.status === 401 || response.status === 403) throw new AiCallError('unauthorized', `${path} refused the key (HTTP ${response.status})`);
      if (response.status === 429) throw new AiCallError('rate_limited', `${path} is rate limited (HTTP 429)`);
      throw new AiCallError('http_error', `${path} answered HTTP ${response.status}`);
    }
    try {
      return await response.json();
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new AiCallError('timeout', `${path} took longer than ${endpoint.timeoutMs} ms`);
      throw new AiCallError('bad_response', `${path} did not answer JSON`);
    }
  }
}

/** `POST /embeddings`: one vector per input, in the inputs' order. */
export async function embed(endpoint: AiEndpoint, model: string, inputs: readonly string[], retries = 0): Promise<number[][]> {
  const parsed = embeddingsAnswer.safeParse(await post(endpoint, '/embeddings', { model, input: inputs }, retries));
  if (!parsed.success || parsed.data.data.length !== inputs.length) throw new AiCallError('bad_response', '/embeddings answered in an unknown shape');
  const vectors: number[][] = new Array(inputs.length);
  for (const item of parsed.data.data) vectors[item.index] = item.embedding;
  if (vectors.some((v) => !v || v.length === 0)) throw new AiCallError('bad_response', '/embeddings left an input without a vector');
  return vectors;
}

/** `POST /chat/completions`: the first choice's text. */
export async function chat(endpoint: AiEndpoint, model: string, messages: readonly ChatMessage[], options: { maxTokens?: number } = {}): Promise<string> {
  const answer = await post(endpoint, '/chat/completions', { model, messages, temperature: 0.2, ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}) }, 0);
  const parsed = chatAnswer.safeParse(answer);
  const content = parsed.success ? parsed.data.choices[0]!.message.content : null;
  if (content === null || content.trim() === '') throw new AiCallError('bad_response', '/chat/completions answered no text');
  return content.trim();
}
