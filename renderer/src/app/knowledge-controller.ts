import {
  type EventName,
  type MethodArgs,
  type MethodResult,
  type SwitchboardBridge,
  type Unsubscribe,
} from '../../../shared/contract';
import type { KbArticle, Template } from '../../../shared/domain';
import type { KbSearchHit } from '../../../shared/knowledge';
import { toAppError } from '../../../shared/errors';
import { markdownToPlainText } from '../../../shared/markdown';
import { createCall, type Call } from '../bridge/call';
import { subscribeParsed, type EventHandlers } from '../bridge/events';
import { SEARCH_DEBOUNCE_MS, withInsertedText } from '../features/knowledge/knowledge-logic';
import { useKnowledgeStore } from '../features/knowledge/knowledge-store';
import { useTemplatesStore } from '../features/templates/templates-store';
import { useDraftsStore } from '../stores/drafts-store';
import { useNotesStore } from '../stores/notes-store';
import { useSessionStore } from '../stores/session-store';
import { globalTimers, type Timers } from './draft-saver';
import type { WorkstationController } from './workstation-controller';
import { onUserChange } from './on-user-change';

/** What the knowledge panel and the quick replies ask of the client core; answers land in their stores. */
export interface KnowledgeController {
  /** Listens to catalog changes and sign-ins; returns a function that stops it. */
  start(): Unsubscribe;
  /** The agent typed in the knowledge search box: it is searched after a short pause. */
  typeQuery(query: string): void;
  /** Searches the cached knowledge base now (an empty query clears the results). */
  search(query: string): Promise<void>;
  /** Articles for a query, answered to the caller (the command palette) without touching the panel's search. Throws an AppError. */
  find(query: string, limit: number): Promise<KbSearchHit[]>;
  /** Finds articles for the customer's last message, unless they were found for that message already. */
  suggest(conversationId: string, customerText: string | null): Promise<void>;
  /** Opens an article in the panel (null goes back to the results). */
  openArticle(article: KbArticle | null): void;
  /** Puts the article's text into the conversation's reply, where the agent can edit it. */
  insertIntoReply(conversationId: string, article: KbArticle): void;
  /** Reads the quick replies from the local cache (offline too). */
  loadTemplates(): Promise<void>;
  /** Adds or changes a quick reply. Throws an AppError the form shows. */
  saveTemplate(input: MethodArgs<'templates.save'>): Promise<Template>;
  /** Throws an AppError the manager shows. */
  deleteTemplate(id: string): Promise<void>;
  /** Imports the team's replies from a JSON or CSV file; the list is read again after a change. Throws an AppError. */
  importTemplates(input: MethodArgs<'templates.import'>): Promise<MethodResult<'templates.import'>>;
}

type Reporter = (message: string) => void;

const knowledgeEvents = ['catalog.updated', 'inbox.reloaded'] as const satisfies readonly EventName[];
type KnowledgeEvent = (typeof knowledgeEvents)[number];

const SEARCH_LIMIT = 20;
const SUGGEST_LIMIT = 5;

/**
 * Wires knowledge search, suggestions and quick replies to their stores. It sits beside the
 * workstation controller, whose draft path it uses to put an article into the reply.
 */
export function createKnowledgeController(
  bridge: SwitchboardBridge,
  workstation: Pick<WorkstationController, 'changeDraft'>,
  report: Reporter = (message) => console.error(`[switchboard] ${message}`),
  timers: Timers = globalTimers,
): KnowledgeController {
  const call: Call = createCall(bridge);
  // Answers to an older search or suggestion are dropped.
  let searchRun = 0;
  let suggestRun = 0;
  let pending: unknown = null;

  function resetAll(): void {
    searchRun++;
    suggestRun++;
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
    useKnowledgeStore.getState().reset();
    useTemplatesStore.getState().reset();
  }

  const signedIn = () => useSessionStore.getState().session?.signedIn === true;

  const handlers: EventHandlers<KnowledgeEvent> = {
    // Articles or replies changed (here or pushed by the server): read what is shown again.
    'catalog.updated': () => {
      if (!signedIn()) return;
      void controller.loadTemplates();
      const { query, suggestions } = useKnowledgeStore.getState();
      if (query.trim() !== '') void controller.search(query);
      if (suggestions) {
        useKnowledgeStore.getState().setSuggestions(null);
        void controller.suggest(suggestions.conversationId, suggestions.forText);
      }
    },
    // After a sign-in the local cache is open: replies asked for before it was are read now.
    'inbox.reloaded': () => {
      if (signedIn() && useTemplatesStore.getState().status !== 'ready') void controller.loadTemplates();
    },
  };

  const controller: KnowledgeController = {
    start() {
      const stops: Unsubscribe[] = subscribeParsed(bridge, knowledgeEvents, handlers, report);
      stops.push(
        onUserChange((user) => {
          resetAll();
          if (user) void controller.loadTemplates();
        }),
      );
      if (signedIn()) void controller.loadTemplates();
      return () => {
        for (const stop of stops) stop();
        if (pending !== null) timers.clearTimeout(pending);
        pending = null;
      };
    },

    typeQuery(query) {
      useKnowledgeStore.getState().setQuery(query);
      if (pending !== null) timers.clearTimeout(pending);
      pending = timers.setTimeout(() => {
        pending = null;
        void controller.search(query);
      }, SEARCH_DEBOUNCE_MS);
    },

    async search(query) {
      const run = ++searchRun;
      const text = query.trim();
      const store = useKnowledgeStore.getState();
      if (text === '') {
        store.setHits('', []);
        return;
      }
      store.setSearching();
      try {
        const hits = await call('kb.search', { query: text, limit: SEARCH_LIMIT });
        if (run === searchRun) useKnowledgeStore.getState().setHits(text, hits);
      } catch (err) {
        if (run !== searchRun) return;
        report(`kb.search failed: ${toAppError(err).message}`);
        useKnowledgeStore.getState().setFailed(toAppError(err).toJSON());
      }
    },

    async find(query, limit) {
      const text = query.trim();
      return text === '' ? [] : call('kb.search', { query: text, limit });
    },

    async suggest(conversationId, customerText) {
      const text = customerText?.trim() ?? '';
      const current = useKnowledgeStore.getState().suggestions;
      if (current && current.conversationId === conversationId && current.forText === text) return;
      const run = ++suggestRun;
      if (text === '') {
        useKnowledgeStore.getState().setSuggestions({ conversationId, forText: '', hits: [] });
        return;
      }
      try {
        const hits = await call('kb.search', { query: text.slice(0, 500), limit: SUGGEST_LIMIT });
        if (run === suggestRun) useKnowledgeStore.getState().setSuggestions({ conversationId, forText: text, hits });
      } catch (err) {
        // Suggestions are a help, not a task: the panel just shows none.
        report(`kb.search (suggestions) failed: ${toAppError(err).message}`);
      }
    },

    openArticle(article) {
      useKnowledgeStore.getState().openArticle(article);
    },

    insertIntoReply(conversationId, article) {
      const draft = useDraftsStore.getState().byConversation[conversationId]?.text ?? '';
      workstation.changeDraft(conversationId, withInsertedText(draft, markdownToPlainText(article.body)));
      useNotesStore.getState().setMode(conversationId, 'reply');
      // The customer's question and this article are kept for admins to teach the bot; offline or
      // refused, the agent's reply is not affected.
      call('kb.inserted', { conversationId, articleId: article.id }).catch((err: unknown) => {
        const error = toAppError(err);
        if (error.code !== 'offline') report(`kb.inserted failed: ${error.message}`);
      });
    },

    async loadTemplates() {
      const store = useTemplatesStore.getState();
      if (store.status === 'idle' || store.status === 'failed') store.setLoading();
      try {
        useTemplatesStore.getState().setLoaded(await call('templates.list', {}));
      } catch (err) {
        const error = toAppError(err);
        // Asked while signing in, before the cache was open: `inbox.reloaded` asks again.
        if (error.code !== 'not_signed_in') report(`templates.list failed: ${error.message}`);
        useTemplatesStore.getState().setFailed(error.toJSON());
      }
    },

    async saveTemplate(input) {
      const template = await call('templates.save', input);
      useTemplatesStore.getState().put(template);
      return template;
    },

    async deleteTemplate(id) {
      await call('templates.delete', { id });
      useTemplatesStore.getState().remove(id);
    },

    async importTemplates(input) {
      const result = await call('templates.import', input);
      if (result.errors.length === 0) useTemplatesStore.getState().setLoaded(await call('templates.list', {}));
      return result;
    },
  };

  return controller;
}
