import type { MethodArgs, MethodResult, SwitchboardBridge, Unsubscribe } from '../../../shared/contract';
import type { QuestionSuggestion, UnansweredGroup } from '../../../shared/bot-learning';
import type { KbArticle } from '../../../shared/domain';
import { toAppError } from '../../../shared/errors';
import type { KbImportResult } from '../../../shared/kb-exchange';
import type { BotRule } from '../../../shared/knowledge';
import { createCall, type Call } from '../bridge/call';
import { appendTurnPage } from '../features/admin/bot-admin-logic';
import { useBotAdminStore } from '../stores/bot-admin-store';
import { useConnectionStore } from '../stores/connection-store';
import { useKbAdminStore } from '../stores/kb-admin-store';
import { loadIntoStore } from './load-into-store';
import { createPagedSearch } from './paged-search';
import { onUserChange } from './on-user-change';

/** What the admin screen's knowledge base and bot sections ask of the client core; answers land in their stores. */
export interface KnowledgeAdminController {
  /** Follows article changes, sign-in and connection; returns a function that stops it. */
  start(): Unsubscribe;
  loadArticles(): Promise<void>;
  /** Creates or changes an article. Throws an AppError the editor shows. */
  saveArticle(args: MethodArgs<'kbAdmin.save'>): Promise<KbArticle>;
  /** Throws an AppError the list shows. */
  setArticleEnabled(id: string, enabled: boolean): Promise<KbArticle>;
  /** Imports a file's text; the list is read again when anything was written. Throws when the import could not run. */
  importArticles(json: string): Promise<KbImportResult>;
  exportArticles(): Promise<MethodResult<'kbAdmin.export'>>;
  loadRules(): Promise<void>;
  /** Adds or changes a reply. Throws an AppError the form shows. */
  saveRule(args: MethodArgs<'botRules.save'>): Promise<BotRule>;
  deleteRule(id: string): Promise<void>;
  /** Reads the newest turns of one conversation ('' for all). */
  loadTurns(conversationId: string): Promise<void>;
  loadMoreTurns(): Promise<void>;
  /** Customers' questions suggested as alternative questions, most often seen first. Throws an AppError the list shows. */
  loadSuggestions(): Promise<QuestionSuggestion[]>;
  /** Adds a suggested question to its article; the article list follows. Throws an AppError the list shows. */
  acceptSuggestion(id: string): Promise<KbArticle>;
  dismissSuggestion(id: string): Promise<void>;
  /** The questions the bot missed or handed over in the last `days`, grouped. Throws an AppError the list shows. */
  loadUnanswered(days: number): Promise<UnansweredGroup[]>;
}

/**
 * Wires the knowledge base and bot administration to its stores. Everything here is read live from
 * the server (the desktop's own copy holds only enabled articles): the article list is read again
 * when articles change anywhere (`catalog.updated`) and, after a failure, when the connection returns.
 */
export function createKnowledgeAdminController(bridge: SwitchboardBridge): KnowledgeAdminController {
  const call: Call = createCall(bridge);
  // The turns search is by conversation id ('' for every conversation).
  const turns = createPagedSearch({
    async fetchPage(conversationId, before) {
      const page = await call('botTurns.list', {
        ...(conversationId ? { conversationId } : {}),
        ...(before === undefined ? {} : { before }),
      });
      return { items: page.turns, nextBefore: page.nextBefore };
    },
    append: appendTurnPage,
    store: () => {
      const bot = useBotAdminStore.getState();
      return {
        query: bot.turnsConversation,
        items: bot.turns,
        nextBefore: bot.nextBefore,
        status: bot.turnsStatus,
        loadingMore: bot.loadingMore,
        setLoading: bot.setTurnsLoading,
        setLoaded: bot.setTurnsLoaded,
        setFailed: bot.setTurnsFailed,
        setLoadingMore: bot.setLoadingMore,
        setMore: bot.setMore,
        setMoreFailed: bot.setMoreFailed,
      };
    },
  });
  let articlesRead = 0;

  function resetAll(): void {
    turns.drop();
    articlesRead += 1;
    useKbAdminStore.getState().reset();
    useBotAdminStore.getState().reset();
  }

  function onConnection(status: string | undefined, previous: string | undefined): void {
    if (status === previous || status !== 'online') return;
    if (useKbAdminStore.getState().status === 'failed') void controller.loadArticles();
    if (useBotAdminStore.getState().rulesStatus === 'failed') void controller.loadRules();
    if (useBotAdminStore.getState().turnsStatus === 'failed') void controller.loadTurns(useBotAdminStore.getState().turnsConversation);
  }

  /** The rule list's part of the bot admin store, as `loadIntoStore` fills it. */
  const rulesTarget = () => {
    const bot = useBotAdminStore.getState();
    return { setLoading: bot.setRulesLoading, setLoaded: bot.setRulesLoaded, setFailed: bot.setRulesFailed };
  };

  const controller: KnowledgeAdminController = {
    start() {
      const stops: Unsubscribe[] = [
        // Articles changed somewhere (or the desktop reconnected): read the list again if it is shown.
        bridge.on('catalog.updated', () => {
          if (useKbAdminStore.getState().status !== 'idle') void controller.loadArticles();
        }),
        onUserChange(resetAll),
        useConnectionStore.subscribe((next, previous) => onConnection(next.connection?.status, previous.connection?.status)),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },

    loadArticles() {
      const read = ++articlesRead;
      return loadIntoStore(useKbAdminStore.getState, () => call('kbAdmin.list', {}), () => read === articlesRead);
    },

    async saveArticle(args) {
      const article = await call('kbAdmin.save', args);
      useKbAdminStore.getState().put(article);
      return article;
    },

    loadSuggestions: () => call('kbLearning.suggestions', {}),

    async acceptSuggestion(id) {
      const article = await call('kbLearning.accept', { id });
      useKbAdminStore.getState().put(article);
      return article;
    },

    async dismissSuggestion(id) {
      await call('kbLearning.dismiss', { id });
    },

    loadUnanswered: (days) => call('kbLearning.unanswered', { days }),

    async setArticleEnabled(id, enabled) {
      const article = await call('kbAdmin.setEnabled', { id, enabled });
      useKbAdminStore.getState().put(article);
      return article;
    },

    async importArticles(json) {
      const result = await call('kbAdmin.import', { json });
      if (result.imported + result.updated > 0) void controller.loadArticles();
      return result;
    },

    exportArticles() {
      return call('kbAdmin.export', {});
    },

    loadRules() {
      return loadIntoStore(rulesTarget, () => call('botRules.list', {}));
    },

    async saveRule(args) {
      const rule = await call('botRules.save', args);
      useBotAdminStore.getState().putRule(rule);
      return rule;
    },

    async deleteRule(id) {
      try {
        await call('botRules.delete', { id });
      } catch (err) {
        // Already gone: either way it is no longer a reply of the bot.
        if (toAppError(err).code !== 'not_found') throw err;
      }
      useBotAdminStore.getState().removeRule(id);
    },

    loadTurns(conversationId) {
      return turns.search(conversationId);
    },

    loadMoreTurns() {
      return turns.loadMore();
    },
  };

  return controller;
}
