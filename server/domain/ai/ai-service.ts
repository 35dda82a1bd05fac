import { randomUUID } from 'node:crypto';
import type { AiFailureCode } from '../../../shared/ai';
import type { KbArticle, Lang } from '../../../shared/domain';
import { systemLines } from '../../../shared/system-lines';
import type { Db } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { getConversationView, lockConversation } from '../conversations/conversation-repository';
import { getMessageView, insertMessage, listConversationMessages } from '../conversations/message-repository';
import type { DomainEvents } from '../events';
import type { KnowledgeIndex } from '../bot/retrieval/knowledge-index';
import { AiCallError, chat, embed, type AiEndpoint } from './ai-client';
import { hasVectorColumn, nearestArticles } from './article-embeddings';
import { loadAiSettings, type AiSettings } from './ai-settings-repository';
import { EmbeddingIndexer } from './embedding-indexer';
import {
  groundedAnswerPrompt, groundedReplyText, handoffSummaryPrompt, readGroundedAnswer, readSummary, readSuggestions, replySuggestionsPrompt,
  type PromptArticle, type SuggestionReading, type TranscriptLine,
} from './prompts';

export type AiServiceDeps = { db: Db; secret: string; clock: Clock; events: DomainEvents; logError: ErrorLogger };

/** How many articles the embeddings pass to the bot. */
const SEMANTIC_TOP_K = 5;
/** Messages of the conversation the summary and the suggestions read (the newest). */
const TRANSCRIPT_LINES = 30;

export type GroundedAnswer = { articleId: string; reply: string };

/**
 * The optional AI provider as the rest of the server uses it. Every method that reaches the
 * provider fails softly: a failure is counted by code and logged, and the caller gets null and
 * carries on with the local methods (the lexical bot, no summary, no suggestions).
 */
export class AiService {
  readonly indexer: EmbeddingIndexer;
  private readonly failures = new Map<AiFailureCode, number>();
  private vectorColumn: Promise<boolean> | undefined;
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly deps: AiServiceDeps) {
    this.indexer = new EmbeddingIndexer({
      db: deps.db,
      settingsOf: (accountId) => this.settings(accountId),
      endpointOf: (s) => endpointOf(s),
      withVector: () => this.withVector(),
      onFailure: (err, context) => this.failed(err, context),
    });
    // Articles changed: their vectors follow in the background.
    deps.events.on('catalog.changed', ({ accountId, audience }) => {
      if (audience.kind === 'account') this.indexer.kick(accountId);
    });
  }

  settings(accountId: string): Promise<AiSettings> {
    return loadAiSettings(this.deps.db, accountId, this.deps.secret);
  }

  /** Failed calls so far by code (this node, since it started). */
  failureCounts(): Record<string, number> {
    return Object.fromEntries(this.failures);
  }

  /** Counts and logs a failure; the key never appears in a message (the client never puts it there). */
  failed(err: unknown, context: string): void {
    const code: AiFailureCode = err instanceof AiCallError ? err.code : 'http_error';
    this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
    this.deps.logError(err, `ai provider: ${context} (${code})`);
  }

  private withVector(): Promise<boolean> {
    return (this.vectorColumn ??= hasVectorColumn(this.deps.db).catch(() => false));
  }

  /**
   * The customer's message against the article vectors: article id → cosine (0..1) of the top
   * matches, or undefined when hybrid retrieval is off or the provider failed or was too slow.
   */
  async semanticFor(accountId: string, settings: AiSettings, message: string): Promise<ReadonlyMap<string, number> | undefined> {
    // A key that cannot be unsealed (the server's secret changed) would only earn a 401 per message.
    if (!settings.features.hybridRetrieval || !settings.embeddingModel || !settings.baseUrl || settings.apiKeyUnreadable) return undefined;
    try {
      const [vector] = await embed(endpointOf(settings), settings.embeddingModel, [message]);
      const nearest = await nearestArticles(this.deps.db, accountId, settings.embeddingModel, vector!, SEMANTIC_TOP_K, await this.withVector());
      return new Map(nearest.map((n) => [n.articleId, Math.max(0, Math.min(1, n.cosine))]));
    } catch (err) {
      this.failed(err, 'embedding a customer message');
      return undefined;
    }
  }

  /**
   * The bot's answer worded by the chat model from `article` (and at most two `more`), in the
   * customer's language, citing the article it used; null (send the lexical answer) when the
   * feature is off, the call fails or the model names none of the articles given.
   */
  async groundedAnswer(settings: AiSettings, question: string, article: KbArticle, more: readonly KbArticle[], lang: Lang): Promise<GroundedAnswer | null> {
    if (!settings.features.groundedAnswers || !settings.chatModel || !settings.baseUrl || settings.apiKeyUnreadable) return null;
    const given: PromptArticle[] = [article, ...more.filter((m) => m.id !== article.id).slice(0, 2)].map(promptArticle);
    try {
      const text = await chat(endpointOf(settings), settings.chatModel, groundedAnswerPrompt(question, given, lang), { maxTokens: 600 });
      const read = readGroundedAnswer(text, given, question);
      if (!read) throw new AiCallError('no_article', 'the model named none of the articles it was given, or stated a figure none of them holds');
      return { articleId: read.article.id, reply: groundedReplyText(read.answer, read.article, lang) };
    } catch (err) {
      this.failed(err, 'a grounded answer');
      return null;
    }
  }

  /**
   * After the bot handed a conversation to a person: a short summary of what the customer wants,
   * stored as an agents-only line of the thread and pushed to those who may read it. Never
   * throws; nothing is stored when the feature is off or the call fails.
   */
  summarizeHandoff(accountId: string, conversationId: string, lang: Lang): Promise<void> {
    const run = this.summarize(accountId, conversationId, lang).finally(() => this.background.delete(run));
    this.background.add(run);
    return run;
  }

  /** Waits for background work (vectors, summaries) to finish; after `close()` none starts (shutdown). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
    await this.indexer.settled();
  }

  close(): Promise<void> {
    this.indexer.close();
    return this.settled();
  }

  private async summarize(accountId: string, conversationId: string, lang: Lang): Promise<void> {
    try {
      const settings = await this.settings(accountId);
      if (!settings.features.handoffSummary || !settings.chatModel || !settings.baseUrl) return;
      const lines = transcriptOf(await listConversationMessages(this.deps.db, conversationId));
      if (lines.length === 0) return;
      const summary = readSummary(await chat(endpointOf(settings), settings.chatModel, handoffSummaryPrompt(lines, lang), { maxTokens: 300 }));
      if (!summary) throw new AiCallError('bad_response', 'the summary was empty');
      const change = await this.deps.db.transaction(async (tx) => {
        const locked = await lockConversation(tx, conversationId);
        if (!locked || locked.accountId !== accountId) return null;
        const id = randomUUID();
        const line = systemLines.summary(summary);
        await insertMessage(tx, {
          id, accountId, conversationId, seq: await nextSeq(tx, accountId),
          senderType: 'system', senderId: null, body: `Summary for the agent: ${summary}`, clientId: null, internal: true, system: line,
        });
        await tx.query('UPDATE conversations SET seq = $2 WHERE id = $1', [conversationId, await nextSeq(tx, accountId)]);
        const conversation = await getConversationView(tx, conversationId);
        const message = await getMessageView(tx, id);
        if (!conversation || !message) return null;
        return { conversation, message, previousAssigneeId: locked.assigneeId, created: true };
      });
      if (change) await this.deps.events.emit({ type: 'conversation.changed', change });
    } catch (err) {
      this.failed(err, 'a handoff summary');
    }
  }

  /**
   * Up to three replies for the agent, grounded in the conversation and the articles that match the
   * customer's last message; null when the provider failed (the caller says so).
   */
  async suggestReplies(
    settings: AiSettings,
    accountId: string,
    conversationId: string,
    index: KnowledgeIndex<KbArticle>,
    find: (text: string) => KbArticle[],
    langOf: (text: string) => Lang,
  ): Promise<SuggestionReading[] | null> {
    const lines = transcriptOf(await listConversationMessages(this.deps.db, conversationId));
    const lastCustomer = [...lines].reverse().find((l) => l.from === 'customer')?.body ?? '';
    const lang = langOf(lastCustomer);
    const semantic = lastCustomer ? await this.semanticFor(accountId, settings, lastCustomer) : undefined;
    const nearest = [...(semantic?.keys() ?? [])].map((id) => index.article(id)).filter((a) => a !== null);
    const ids = new Set<string>();
    const articles: KbArticle[] = [];
    for (const a of [...find(lastCustomer), ...nearest]) {
      if (ids.has(a.id) || articles.length >= 3) continue;
      ids.add(a.id);
      articles.push(a);
    }
    const given = articles.map(promptArticle);
    try {
      const text = await chat(endpointOf(settings), settings.chatModel, replySuggestionsPrompt(lines, given, lang), { maxTokens: 600 });
      const read = readSuggestions(text, given);
      if (read.length === 0) throw new AiCallError('bad_response', 'the model suggested nothing');
      return read;
    } catch (err) {
      this.failed(err, 'reply suggestions');
      return null;
    }
  }
}

/** The provider as one call reaches it. */
export function endpointOf(s: AiSettings): AiEndpoint {
  return { baseUrl: s.baseUrl, apiKey: s.apiKey, timeoutMs: s.timeoutMs };
}

const promptArticle = (a: KbArticle): PromptArticle => ({ id: a.id, title: a.title, body: a.body });

/** What the customer, the bot and the agents said (no internal notes, no system lines), newest last. */
function transcriptOf(messages: readonly { senderType: string; body: string; internal: boolean }[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const m of messages) {
    if (m.internal || !m.body.trim()) continue;
    if (m.senderType === 'contact') lines.push({ from: 'customer', body: m.body });
    else if (m.senderType === 'bot') lines.push({ from: 'bot', body: m.body });
    else if (m.senderType === 'agent') lines.push({ from: 'agent', body: m.body });
  }
  return lines.slice(-TRANSCRIPT_LINES);
}
