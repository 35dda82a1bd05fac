import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { KbExchangeItem } from '../../shared/knowledge';
import type { AgentRequestName } from '../../shared/protocol';
import { knowledgeAdminHandlers, type KnowledgeAdminTransport } from './knowledge-admin';

const item = (id: string): KbExchangeItem => ({ id, lang: 'zh', title: `标题 ${id}`, body: '正文' });
const file = (ids: string[]) => JSON.stringify(ids.map(item), null, 2);

/** A server that answers import parts in turn: a count, or an error to throw. */
function server(answers: (AppError | { created: number; updated: number })[], online = true) {
  const sent: { name: AgentRequestName; payload: unknown }[] = [];
  const transport: KnowledgeAdminTransport = {
    isOnline: () => online,
    request: (async (name: AgentRequestName, payload: unknown) => {
      sent.push({ name, payload });
      const answer = answers.shift();
      if (answer instanceof AppError) throw answer;
      if (name === 'kb:admin:export') return { filename: 'knowledge-base-2025-01-01.json', items: [item('a')] };
      return answer ?? { created: 0, updated: 0 };
    }) as KnowledgeAdminTransport['request'],
  };
  return { transport, sent };
}

/** Parts of two entries each, so a four-entry file goes in two requests. */
const smallParts = { maxBytes: 1_000_000, maxItems: 2 };

describe('importing a knowledge file through the client core', () => {
  it('sends a file in parts and adds up what each part wrote', async () => {
    const { transport, sent } = server([{ created: 2, updated: 0 }, { created: 1, updated: 1 }]);
    const result = await knowledgeAdminHandlers(transport, smallParts)['kbAdmin.import']({ json: file(['a', 'b', 'c', 'd']) });
    expect(result).toEqual({ imported: 3, updated: 1, errors: [] });
    expect(sent.map((s) => (s.payload as { items: KbExchangeItem[] }).items.map((i) => i.id))).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('sends nothing when the file has a wrong entry', async () => {
    const { transport, sent } = server([]);
    const result = await knowledgeAdminHandlers(transport, smallParts)['kbAdmin.import']({ json: '[{"id": "a"}]' });
    expect(result.imported + result.updated).toBe(0);
    expect(result.errors.map((e) => e.code)).toContain('invalid');
    expect(sent).toEqual([]);
  });

  it('names the item whose id another team uses, with its line', async () => {
    const { transport } = server([{ created: 2, updated: 0 }, new AppError('conflict', 'id d is already used', { id: 'd' })]);
    const result = await knowledgeAdminHandlers(transport, smallParts)['kbAdmin.import']({ json: file(['a', 'b', 'c', 'd']) });
    expect(result).toEqual({ imported: 2, updated: 0, errors: [{ code: 'id_taken', item: 4, line: 20, id: 'd' }] });
  });

  it('says which items were not imported when a later part is refused', async () => {
    const { transport, sent } = server([{ created: 2, updated: 0 }, new AppError('timeout', 'no answer'), { created: 2, updated: 0 }]);
    const result = await knowledgeAdminHandlers(transport, smallParts)['kbAdmin.import']({ json: file(['a', 'b', 'c', 'd', 'e', 'f']) });
    expect(result).toEqual({
      imported: 2,
      updated: 0,
      errors: [{ code: 'refused', firstItem: 3, lastItem: 6, error: { code: 'timeout', message: 'no answer' } }],
    });
    expect(sent).toHaveLength(2);
  });

  it('fails the import when the server refuses its first part', async () => {
    const { transport } = server([new AppError('forbidden', 'Only admins can import knowledge articles.')]);
    await expect(knowledgeAdminHandlers(transport, smallParts)['kbAdmin.import']({ json: file(['a']) })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses every administration request offline, before sending anything', async () => {
    const { transport, sent } = server([], false);
    const handlers = knowledgeAdminHandlers(transport);
    await expect(handlers['kbAdmin.import']({ json: file(['a']) })).rejects.toMatchObject({ code: 'offline' });
    await expect(handlers['kbAdmin.list']({})).rejects.toMatchObject({ code: 'offline' });
    await expect(handlers['botTurns.list']({})).rejects.toMatchObject({ code: 'offline' });
    expect(sent).toEqual([]);
  });

  it('exports indented JSON with the server’s file name', async () => {
    const { transport } = server([]);
    const exported = await knowledgeAdminHandlers(transport)['kbAdmin.export']({});
    expect(exported.filename).toBe('knowledge-base-2025-01-01.json');
    expect(JSON.parse(exported.json)).toEqual([item('a')]);
  });
});
