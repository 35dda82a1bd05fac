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
import type { Knowledge, KnowledgeCache } from './knowledge-cache';
import { scenarioRule } from './rules/keyword-rules';

export type BotServiceDeps = { db: Db; knowledge: KnowledgeCache; clock: Clock; logError: ErrorLogger };

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
      return await this.deps.db.transaction((tx) => this.answer(tx, change.message, knowledge, offHours));
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

  private async answer(tx: Queryable, message: MessageView, knowledge: Knowledge, offHours: boolean): Promise<ConversationChange | null> {
    const locked = await lockConversation(tx, message.conversationId);
    if (!locked || locked.status !== 'open' || locked.routingState !== 'bot') return null;
    // A message already answered (a retried send) is not answered twice.
    const seen = await tx.query('SELECT 1 FROM bot_turns WHERE message_id = $1', [message.id]);
    if (seen.length > 0) return null;
    const state = await lastBotState(tx, locked.id);
    const contacts = await tx.query<{ name: string; name_generated: boolean }>('SELECT name, name_generated FROM contacts WHERE id = $1', [locked.contactId]);
    const contactName = contacts[0] ? greetingName(contacts[0]) : '';
    const outcome = botTurn({ state, message: message.body, knowledge: knowledge.index, rules: knowledge.rules, offHours, contactName });
    await this.learn(tx, locked, message, state, outcome);
    await recordTurn(tx, { accountId: locked.accountId, conversationId: locked.id, messageId: message.id, outcome, suggested: suggestionsOf(outcome) });
    const replies = await insertBotMessages(tx, locked, outcome.replies);
    const last = replies[replies.length - 1];
    if (last) await saveMessageChoices(tx, last, outcome.choices);
    const noticeId = outcome.action === 'handoff'
      ? await handOffFromBot(tx, { conversationId: locked.id, accountId: locked.accountId, groupId: locked.groupId, now: this.deps.clock() })
      : null;
    if (replies.length === 0 && noticeId === null) return null;
    return finishBotChange(tx, locked, replies, noticeId, this.deps.clock());
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
        conversationId: locked.id, messageId: message.id, at: new Date(this.deps.clock()),
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
