import type { ContractHandlers } from '../../shared/contract';
import { AppError, toAppError } from '../../shared/errors';
import { capProblems, checkKbImportFile, importBatches, kbExportJson, type KbImportProblem, type KbImportResult } from '../../shared/kb-exchange';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';

/** The part of the connection the knowledge base and bot administration needs. */
export interface KnowledgeAdminTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

type KnowledgeAdminMethods =
  | 'kbAdmin.list'
  | 'kbAdmin.save'
  | 'kbAdmin.setEnabled'
  | 'kbAdmin.import'
  | 'kbAdmin.export'
  | 'botRules.list'
  | 'botRules.save'
  | 'botRules.delete'
  | 'botTurns.list'
  | 'kbLearning.suggestions'
  | 'kbLearning.accept'
  | 'kbLearning.dismiss'
  | 'kbLearning.unanswered'
  | 'kb.inserted';

const TURNS_PAGE = 50;

/**
 * One import request stays well under the server's socket message limit (256 KiB) and its answer
 * within the request timeout.
 */
export const IMPORT_BATCH = { maxBytes: 160 * 1024, maxItems: 200 } as const;

/**
 * The admin screen's knowledge base and bot: articles (disabled ones too), import and export, the
 * bot's replies and its turns. Everything is read and written on the server, which checks the role;
 * the desktops' own copies of the articles follow its `catalog:changed`.
 */
export function knowledgeAdminHandlers(
  transport: KnowledgeAdminTransport,
  batch: { maxBytes: number; maxItems: number } = IMPORT_BATCH,
): Pick<ContractHandlers, KnowledgeAdminMethods> {
  const online = <T>(what: string, run: () => Promise<T>): Promise<T> => {
    if (!transport.isOnline()) return Promise.reject(new AppError('offline', `${what} needs the connection`));
    return run();
  };
  return {
    'kbAdmin.list': () => online('The knowledge base', async () => (await transport.request('kb:admin:list', {})).articles),
    'kbAdmin.save': ({ id, article }) =>
      online('Saving an article', async () => (await transport.request('kb:admin:save', id === undefined ? { article } : { id, article })).article),
    'kbAdmin.setEnabled': ({ id, enabled }) =>
      online('Enabling or disabling an article', async () => (await transport.request('kb:admin:enable', { id, enabled })).article),
    'kbAdmin.import': ({ json }) => online('Importing articles', () => importFile(transport, json, batch)),
    'kbAdmin.export': () =>
      online('Exporting the knowledge base', async () => {
        const { filename, items } = await transport.request('kb:admin:export', {});
        return { filename, json: kbExportJson(items) };
      }),
    'botRules.list': () => online("The bot's replies", async () => (await transport.request('bot:rules:list', {})).rules),
    'botRules.save': ({ id, rule }) =>
      online("Changing the bot's replies", async () => (await transport.request('bot:rules:save', id === undefined ? { rule } : { id, rule })).rule),
    'botRules.delete': ({ id }) => online("Changing the bot's replies", () => transport.request('bot:rules:delete', { id })),
    'kbLearning.suggestions': ({ articleId }) =>
      online('Suggested questions', async () => (await transport.request('kb:learning:suggestions', articleId === undefined ? {} : { articleId })).suggestions),
    'kbLearning.accept': ({ id }) => online('Accepting a question', async () => (await transport.request('kb:learning:accept', { id })).article),
    'kbLearning.dismiss': ({ id }) => online('Dismissing a question', () => transport.request('kb:learning:dismiss', { id })),
    'kbLearning.unanswered': ({ days }) => online('Unanswered questions', async () => (await transport.request('kb:learning:unanswered', { days })).groups),
    'kb.inserted': (args) => online('Recording the inserted article', () => transport.request('kb:inserted', args)),
    'botTurns.list': ({ conversationId, before }) =>
      online("The bot's turns", () =>
        transport.request('bot:turns:list', {
          limit: TURNS_PAGE,
          ...(conversationId !== undefined ? { conversationId } : {}),
          ...(before !== undefined ? { before } : {}),
        }),
      ),
  };
}

/**
 * Checks the whole file first (nothing is sent when an entry is wrong), then sends it in parts.
 * The server refusing the first part fails the import; refusing a later one ends it there, with
 * what was written so far and which items were not.
 */
async function importFile(
  transport: KnowledgeAdminTransport,
  json: string,
  batch: { maxBytes: number; maxItems: number },
): Promise<KbImportResult> {
  const { items, lines, problems } = checkKbImportFile(json);
  if (problems.length > 0) return { imported: 0, updated: 0, errors: problems };
  const indexOf = new Map(items.map((item, index) => [item.id, index]));
  let imported = 0;
  let updated = 0;
  for (const part of importBatches(items, batch.maxBytes, batch.maxItems)) {
    try {
      const { created, updated: replaced } = await transport.request('kb:admin:import', { items: part.items });
      imported += created;
      updated += replaced;
    } catch (err) {
      const error = toAppError(err);
      const taken = error.code === 'conflict' && error.details?.['id'] !== undefined ? indexOf.get(error.details['id']) : undefined;
      let problem: KbImportProblem;
      if (taken !== undefined) problem = { code: 'id_taken', item: taken + 1, line: lines[taken] ?? null, id: items[taken]!.id };
      else if (part.first === 0) throw error;
      else problem = { code: 'refused', firstItem: part.first + 1, lastItem: items.length, error: error.toJSON() };
      return { imported, updated, errors: capProblems([problem]) };
    }
  }
  return { imported, updated, errors: [] };
}
