import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import type { DomainEvents } from '../events';
import { answerSurvey, type AnswerOutcome, type SurveyAnswer, type SurveyRef } from './answer-survey';
import { sendSurveyAfterResolve } from './send-survey';
import { SurveyRenderer } from './survey-outbound';

export type CsatServiceDeps = {
  db: Db;
  events: DomainEvents;
  clock: Clock;
  logError: ErrorLogger;
  /** Signs the survey links. */
  secret: string;
  /** The server's address as customers reach it (the survey page's links). */
  publicUrl: () => string;
  /** Looks for due channel deliveries now (the survey was stored). */
  kickDeliveries?: () => void;
};

const THANKS = { en: 'Thank you for your rating!', zh: '感谢您的评价！' } as const;

/** Satisfaction surveys: sent after a resolve, answered from any channel; every change is published. */
export class CsatService {
  readonly renderer: SurveyRenderer;

  constructor(private readonly deps: CsatServiceDeps) {
    this.renderer = new SurveyRenderer(deps.db, deps.secret, deps.publicUrl);
  }

  /** The server secret links are signed with (the survey page checks them). */
  get secret(): string {
    return this.deps.secret;
  }

  /** After a resolve: sends the survey when the account asks on that channel. Never fails the resolve: errors are logged. */
  async afterResolve(conversationId: string): Promise<void> {
    try {
      const change = await sendSurveyAfterResolve(this.deps.db, conversationId, this.deps.clock());
      if (!change) return;
      await this.deps.events.emit({ type: 'conversation.changed', change });
      this.deps.kickDeliveries?.();
    } catch (err) {
      this.deps.logError(err, 'satisfaction survey');
    }
  }

  /** Records an answer (see answerSurvey) and publishes the line it wrote. */
  async answer(ref: SurveyRef, answer: Omit<SurveyAnswer, 'now'>): Promise<AnswerOutcome> {
    const outcome = await answerSurvey(this.deps.db, ref, { ...answer, now: this.deps.clock() });
    if (outcome.change) await this.deps.events.emit({ type: 'conversation.changed', change: outcome.change });
    return outcome;
  }

  /**
   * A pressed survey button on a platform: recorded, and the short text to show the customer
   * (thanks, or why it was not taken). Refusals are answered, not thrown: the webhook succeeded.
   */
  async answerButton(channelId: string, pressed: { token: string; rating: number; sourceId: string }, via: 'whatsapp' | 'telegram'): Promise<{ ok: boolean; text: string }> {
    try {
      const outcome = await this.answer({ token: pressed.token, channelId }, { rating: pressed.rating, comment: null, via, sourceId: pressed.sourceId });
      return { ok: true, text: THANKS[outcome.language] };
    } catch (err) {
      if (err instanceof AppError && (err.code === 'survey_invalid' || err.code === 'survey_expired')) return { ok: false, text: err.message };
      throw err;
    }
  }
}
