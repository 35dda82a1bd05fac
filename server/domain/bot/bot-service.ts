import type { Db, Queryable } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { greetingName } from '../contacts/contact-name';
import { lockConversation } from '../conversations/conversation-repository';
import { saveMessageChoices } from '../conversations/message-choices';
import type { ConversationChange, MessageChange } from '../conversations/message-change';
import type { MessageView } from '../conversations/message-repository';
import { isOpenAt } from '../routing/business-hours';
import { handOffFromBot } from '../routing/bot-handoff';
import { loadGroups } from '../routing/routing-repository';
import { finishBotChange, insertBotMessages } from './bot-messages';
import { awaitingPick, lastBotState, recordPick, recordTurn } from './bot-repository';
import type { BotState } from './dialogue/state';
import { botTurn, type TurnOutcome } from './dialogue/turn';
import { recordQuestionPair } from './learning/question-pairs';
import { pickOf, suggestionsOf } from './learning/suggestion-outcome';
import type { AiService, GroundedAnswer } from '../ai/ai-service';
import type { Knowledge, KnowledgeCache } from './knowledge-cache';
import { scenarioRule } from './rules/keyword-rules';

export type BotServiceDeps = { db: Db; knowledge: KnowledgeCache; clock: Clock; logError: ErrorLogger; ai?: AiService };

/** What the AI provider added to one turn, worked out before the turn's transaction. */
type AiHelp = { semantic: ReadonlyMap<string, number> | undefined; grounded: GroundedAnswer | null; groundedFor: string | null };

/**
 * The bot on the server: answers a customer's message while their conversation is with the bot
 * (routing state `bot`), stores the turn, and hands the conversation to the queue when the turn
 * says so. The decision itself is `botTurn`; this is the database around it.
 */
export class BotService {
  constructor(private readonly deps: BotServiceDeps) {}

  /**
   * The bot's answer to a stored customer message: the change to publish (its messages, and the
   * conversation when it moved to the queue), or null when the bot has nothing to do with it. If
   * the bot fails, the customer is handed to a person rather than left without an answer.
   */
  async respond(change: MessageChange): Promise<ConversationChange | null> {
    if (!change.created || change.message.senderType !== 'contact' || change.conversation.routingState !== 'bot') return null;
    const { accountId, id: conversationId } = change.conversation;
    try {
      const knowledge = await this.deps.knowledge.get(accountId);
      const offHours = scenarioRule(knowledge.rules, 'off_hours') ? await this.isOffHours(accountId, change.conversation.groupId) : false;
      // The provider is asked outside the transaction, so a slow one never holds the conversation's lock.
      const ai = await this.aiHelp(accountId, change.message, knowledge, offHours);
      const answered = await this.deps.db.transaction((tx) => this.answer(tx, change.message, knowledge, offHours, ai));
      if (answered?.outcome.action === 'handoff' && this.deps.ai) void this.deps.ai.summarizeHandoff(accountId, conversationId, answered.outcome.lang);
      return answered?.change ?? null;
    } catch (err) {
      this.deps.logError(err, 'bot turn');
      try {
        return await this.deps.db.transaction(async (tx) => {
          const locked = await lockConversation(tx, conversationId);
          if (!locked || locked.status !== 'open' || locked.routingState !== 'bot') return null;
          const noticeId = await handOffFromBot(tx, { conversationId, accountId, groupId: locked.groupId, now: this.deps.clock() });
          return finishBotChange(tx, locked, [], noticeId, this.deps.clock());
        });
      } catch (again) {
        // The customer's message is stored either way; the routing sweep and agents still see it.
        this.deps.logError(again, 'bot handoff after a failed turn');
        return null;
      }
    }
  }

  /**
   * The embeddings' view of the message (hybrid retrieval) and, when the bot is going to answer
   * with an article, the chat model's grounded wording of it. Both fall back to nothing: the
   * lexical turn then runs as if no provider were configured.
   */
  private async aiHelp(accountId: string, message: MessageView, knowledge: Knowledge, offHours: boolean): Promise<AiHelp> {
    const none: AiHelp = { semantic: undefined, grounded: null, groundedFor: null };
    const ai = this.deps.ai;
    if (!ai) return none;
    try {
      const settings = await ai.settings(accountId);
      const semantic = await ai.semanticFor(accountId, settings, message.body);
      if (!settings.features.groundedAnswers) return { ...none, semantic };
      // A preview of the turn (the state read without the lock): the transaction checks it picks the same article.
      const preview = this.turnFor(await lastBotState(this.deps.db, message.conversationId), message.body, knowledge, offHours, '', semantic);
      const article = preview.action === 'answer' && preview.articleId ? knowledge.index.article(preview.articleId) : null;
      if (!article) return { ...none, semantic };
      // A pick from "which one?" is answered from the picked article alone.
      const related = preview.via === 'choice' ? [] : [...preview.candidates.map((c) => c.articleId), ...(semantic ? [...semantic.keys()] : [])];
      const more = related
        .filter((id) => id !== article.id)
        .map((id) => knowledge.index.article(id))
        .filter((a) => a !== null);
      // A pick from "which one?" ("2") is answered for the question that led there.
      const question = preview.via === 'choice' || preview.via === 'topic' ? (preview.state.topic?.question ?? message.body) : message.body;
      const grounded = await ai.groundedAnswer(settings, question, article, [...new Map(more.map((a) => [a.id, a])).values()], preview.lang);
      return { semantic, grounded, groundedFor: article.id };
    } catch (err) {
      ai.failed(err, 'preparing a bot turn');
      return none;
    }
  }

  /** The pure turn; the embeddings' similarities, when the team has them, are fused into retrieval. */
  private turnFor(state: BotState, body: string, knowledge: Knowledge, offHours: boolean, contactName: string, semantic: ReadonlyMap<string, number> | undefined): TurnOutcome {
    return botTurn({ state, message: body, knowledge: knowledge.index, rules: knowledge.rules, offHours, contactName, ...(semantic ? { semantic } : {}) });
  }

  private async answer(tx: Queryable, message: MessageView, knowledge: Knowledge, offHours: boolean, ai: AiHelp): Promise<{ change: ConversationChange | null; outcome: TurnOutcome } | null> {
    const locked = await lockConversation(tx, message.conversationId);
    if (!locked || locked.status !== 'open' || locked.routingState !== 'bot') return null;
    // A message already answered (a retried send) is not answered twice.
    const seen = await tx.query('SELECT 1 FROM bot_turns WHERE message_id = $1', [message.id]);
    if (seen.length > 0) return null;
    const state = await lastBotState(tx, locked.id);
    const contacts = await tx.query<{ name: string; name_generated: boolean }>('SELECT name, name_generated FROM contacts WHERE id = $1', [locked.contactId]);
    const contactName = contacts[0] ? greetingName(contacts[0]) : '';
    const outcome = withGrounded(this.turnFor(state, message.body, knowledge, offHours, contactName, ai.semantic), ai);
    await this.learn(tx, locked, message, state, outcome);
    await recordTurn(tx, { accountId: locked.accountId, conversationId: locked.id, messageId: message.id, outcome, suggested: suggestionsOf(outcome) });
    const replies = await insertBotMessages(tx, locked, outcome.replies);
    const last = replies[replies.length - 1];
    if (last) await saveMessageChoices(tx, last, outcome.choices);
    const noticeId = outcome.action === 'handoff'
      ? await handOffFromBot(tx, { conversationId: locked.id, accountId: locked.accountId, groupId: locked.groupId, now: this.deps.clock() })
      : null;
    if (replies.length === 0 && noticeId === null) return { change: null, outcome };
    return { change: await finishBotChange(tx, locked, replies, noticeId, this.deps.clock()), outcome };
  }

  /**
   * What the customer did with the suggestions the previous turn offered is kept on that turn; a
   * pick also keeps their original question as one for the picked article.
   */
  private async learn(tx: Queryable, locked: { id: string; accountId: string }, message: MessageView, state: BotState, outcome: TurnOutcome): Promise<void> {
    const offered = state.pending ? await awaitingPick(tx, locked.id) : null;
    if (!offered) return;
    const picked = pickOf(state, outcome, message.body, offered.suggested);
    if (picked === null) return;
    await recordPick(tx, offered.turnId, picked);
    if (outcome.via === 'choice' && outcome.articleId && state.pending) {
      await recordQuestionPair(tx, {
        accountId: locked.accountId, articleId: outcome.articleId, question: state.pending.question, source: 'customer_pick',
        // The message that asked the question (the turn that offered the suggestions), not the pick.
        conversationId: locked.id, messageId: offered.questionMessageId ?? message.id, at: new Date(this.deps.clock()),
      });
    }
  }

  /** Outside business hours: the conversation's group is closed, or (no group) every group is. */
  private async isOffHours(accountId: string, groupId: string | null): Promise<boolean> {
    const groups = await loadGroups(this.deps.db, accountId);
    const now = this.deps.clock();
    const relevant = groupId ? groups.filter((g) => g.id === groupId) : groups;
    return relevant.length > 0 && relevant.every((g) => !isOpenAt(g.hours, now));
  }
}

/**
 * The grounded wording in place of the article's text, when the turn picked the article it was
 * written for and the model cited that same article. A wording citing another article is not
 * sent: the bot's choice (and the customer's pick from "which one?") stands, and so does what the
 * learning loop records from it.
 */
function withGrounded(outcome: TurnOutcome, ai: AiHelp): TurnOutcome {
  if (!ai.grounded || outcome.action !== 'answer' || outcome.articleId !== ai.groundedFor || outcome.replies.length === 0) return outcome;
  if (ai.grounded.articleId !== outcome.articleId) return outcome;
  return { ...outcome, replies: [...outcome.replies.slice(0, -1), ai.grounded.reply] };
}
