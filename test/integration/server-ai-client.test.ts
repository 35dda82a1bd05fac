import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiCallError, chat, embed, type AiEndpoint } from '../../server/domain/ai/ai-client';
import { FAKE_DIMS, startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';

const KEY = 'sk-client-test-key';

/** The code a call fails with, and its message. */
async function failureOf(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AiCallError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('the call did not fail');
}

describe('the OpenAI-compatible client against a local provider', () => {
  let fake: FakeOpenAi;
  let endpoint: AiEndpoint;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    endpoint = { baseUrl: fake.url, apiKey: KEY, timeoutMs: 300 };
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('embeds each input in order and reads the first chat choice, sending the key as a Bearer token', async () => {
    const vectors = await embed(endpoint, 'embed', ['a', 'b']);
    expect(vectors.map((v) => v.length)).toEqual([FAKE_DIMS, FAKE_DIMS]);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/embeddings', authorization: `Bearer ${KEY}`, body: { model: 'embed', input: ['a', 'b'] } });
    fake.chat(() => ({ content: '  Hello  ' }));
    expect(await chat(endpoint, 'chat', [{ role: 'user', content: 'hi' }])).toBe('Hello');
  });

  it('maps failures to stable codes, none of them carrying the key', async () => {
    const cases: [() => void, string][] = [
      [() => fake.chat(() => ({ status: 401 })), 'unauthorized'],
      [() => fake.chat(() => ({ status: 429 })), 'rate_limited'],
      [() => fake.chat(() => ({ status: 500 })), 'http_error'],
      [() => fake.chat(() => ({ content: '' })), 'bad_response'],
      [() => fake.chat(() => 'hold'), 'timeout'],
    ];
    for (const [script, code] of cases) {
      script();
      const failure = await failureOf(() => chat(endpoint, 'chat', [{ role: 'user', content: 'hi' }]));
      expect(failure.code).toBe(code);
      expect(failure.message).not.toContain(KEY);
    }
    fake.release();
    expect((await failureOf(() => embed({ ...endpoint, baseUrl: 'http://127.0.0.1:9/v1' }, 'embed', ['a'], 1))).code).toBe('unreachable');
    expect((await failureOf(() => embed({ ...endpoint, baseUrl: '' }, 'embed', ['a']))).code).toBe('not_configured');
  });

  it('tries a 503 again only as many times as allowed', async () => {
    fake.embeddings(503);
    const before = fake.requests.length;
    expect((await failureOf(() => embed(endpoint, 'embed', ['a'], 2))).code).toBe('http_error');
    expect(fake.requests.length - before).toBe(3);
    expect((await failureOf(() => embed(endpoint, 'embed', ['a']))).code).toBe('http_error');
    expect(fake.requests.length - before).toBe(4);
    fake.embeddings(null);
  });
});
