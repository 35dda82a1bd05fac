import type { Lang } from '../../../../shared/domain';
import type { BotAction, BotRule, BotTurn } from '../../../../shared/knowledge';
import { fillForCustomer } from '../../../../shared/quick-replies';
import type { KnowledgeIndex } from '../retrieval/knowledge-index';
import { readsAsPinyin } from '../retrieval/typed-pinyin';
import { matchKeywordRule, ruleReply, scenarioRule } from '../rules/keyword-rules';
import { sentimentOf } from '../sentiment/sentiment';
import { detectLanguage } from '../text/language';
import { parseChoice } from './choice';
import { handoffFor, MAX_MISSES, type HandoffReason } from './handoff-rules';
import { chooseFromKnowledge, readKnowledge } from './knowledge-step';
import { DEFAULT_THRESHOLDS, type Thresholds } from './policy';
import { answerText, clarifyText, greetingText, handoffChoice, handoffText, missText, otherLanguageNote, suggestText, thanksText, type BotChoice } from './replies';
import { smallTalkOf, withoutOpening } from './smalltalk';
import type { BotState } from './state';

export type TurnInput = {
  state: BotState;
  message: string;
  knowledge: KnowledgeIndex;
  rules: readonly BotRule[];
  /** Whether the customer writes outside business hours (the off-hours notice goes out once). */
  offHours?: boolean;
  /** The customer's name for {{contact.name}} in the admins' replies; '' when they have only a made-up one. */
  contactName?: string;
  thresholds?: Thresholds;
  /**
   * Article id → cosine similarity (0–1) of the message and the article from an embedding model,
   * when a team has one: fused with the lexical confidence (retrieval/retrieve.ts, SEMANTIC_SHARE).
   */
  semantic?: ReadonlyMap<string, number>;
};

/** What the bot does with one customer message, why, and what it remembers afterwards. */
export type TurnOutcome = {
  action: BotAction;
  via: BotTurn['via'];
  /** The bot's messages to the customer, in order (none when a handoff says it all). */
  replies: string[];
  /** The picks the last reply offers (an article among several, asking for a person), as platforms show buttons. */
  choices: BotChoice[];
  articleId: string | null;
  ruleId: string | null;
  confidence: number | null;
  candidates: BotTurn['candidates'];
  handoffReason: HandoffReason | null;
  lang: Lang;
  sentiment: number;
  state: BotState;
};

const SHOWN_CANDIDATES = 3;

/**
 * One bot turn: the pure decision for one customer message given what the bot remembers. In
 * order: one-time notices (greeting, off-hours); a request for a person or a clearly upset
 * customer goes to a person; the answer to a pending "which one?"; a keyword reply; small talk;
 * otherwise the knowledge base — an answer, a question of which article is meant, or a miss
 * (the second miss in a row goes to a person). A short follow-up ("超过三天呢") is read
 * with the question that set the topic.
 */
export function botTurn(input: TurnInput): TurnOutcome {
  const { message, knowledge, rules } = input;
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const detected = detectLanguage(message);
  const lang: Lang = detected === 'en' && readsAsPinyin(knowledge, message) ? 'zh' : detected ?? input.state.lang ?? 'zh';
  const sentiment = sentimentOf(message);
  const state: BotState = { ...input.state, lang, turns: input.state.turns + 1, notices: [...input.state.notices] };
  const reply = (rule: BotRule) => fillForCustomer(ruleReply(rule, lang), { 'contact.name': input.contactName });
  const replies = notices(state, rules, reply, input.offHours === true);
  const base = { replies, choices: [] as BotChoice[], lang, sentiment: round(sentiment.score), articleId: null, ruleId: null, confidence: null, candidates: [], handoffReason: null };
  const done = (o: Partial<TurnOutcome> & Pick<TurnOutcome, 'action' | 'via'>): TurnOutcome => ({ ...base, ...o, state });

  const handoff = handoffFor(message, sentiment);
  if (handoff) return handOff(done, state, lang, handoff, replies);

  const pending = state.pending;
  state.pending = null;
  if (pending) {
    const options = pending.articleIds.map((id) => knowledge.article(id)).filter((a) => a !== null);
    const choice = parseChoice(message, options.map((a) => a.title));
    if (typeof choice === 'number') {
      const article = options[choice]!;
      state.topic = { articleId: article.id, question: pending.question };
      state.misses = 0;
      return done({ action: 'answer', via: 'choice', replies: [...replies, answerText(article)], articleId: article.id });
    }
    if (choice === 'none') return miss(done, state, lang, replies, []);
  }

  const rule = matchKeywordRule(rules, message);
  if (rule) return done({ action: 'rule', via: 'rule', replies: [...replies, reply(rule)], ruleId: rule.id });

  const talk = smallTalkOf(message);
  if (talk) {
    const greeted = state.notices.includes('greeting') && input.state.turns === 0;
    const said = talk === 'thanks' ? [thanksText(lang)] : greeted ? [] : [greetingText(lang)];
    return done({ action: 'smalltalk', via: 'none', replies: [...replies, ...said] });
  }

  const question = withoutOpening(message);
  const topic = state.topic;
  const reading = readKnowledge(knowledge, question, lang, topic, input.semantic);
  const { decision, candidates, via, otherLanguage } = chooseFromKnowledge(reading, thresholds);
  const shown = candidates.slice(0, SHOWN_CANDIDATES).map((c) => ({ articleId: c.article.id, title: c.article.title, confidence: round(c.confidence) }));
  if (decision.kind === 'answer') {
    const article = decision.best.candidate.article;
    state.topic = { articleId: article.id, question: via === 'topic' ? `${topic!.question} ${question}` : question };
    state.misses = 0;
    const text = otherLanguage ? `${otherLanguageNote(lang)}\n\n${answerText(article)}` : answerText(article);
    return done({ action: 'answer', via, replies: [...replies, text], articleId: article.id, confidence: round(decision.best.confidence), candidates: shown });
  }
  if (decision.kind === 'clarify') {
    const options = decision.options.map((o) => o.candidate.article);
    state.pending = { articleIds: options.map((a) => a.id), question };
    const titles = options.map((a) => a.title);
    const picks = options.map((a) => ({ title: a.title, reply: a.title }));
    // Close sure candidates: "which one?"; none sure: suggestions, one tap from a person too.
    const text = decision.sure ? clarifyText(lang, titles) : suggestText(lang, titles);
    const choices = decision.sure ? picks : [...picks, handoffChoice(lang)];
    return done({ action: 'clarify', via, replies: [...replies, text], choices, confidence: round(decision.options[0]!.confidence), candidates: shown });
  }
  return miss(done, state, lang, replies, shown, decision.best?.confidence ?? null);
}

type Done = (o: Partial<TurnOutcome> & Pick<TurnOutcome, 'action' | 'via'>) => TurnOutcome;

function miss(done: Done, state: BotState, lang: Lang, replies: string[], shown: TurnOutcome['candidates'], confidence: number | null = null): TurnOutcome {
  state.misses += 1;
  if (state.misses >= MAX_MISSES) return handOff(done, state, lang, 'misses', replies, shown, confidence);
  return done({ action: 'miss', via: 'none', replies: [...replies, missText(lang)], choices: [handoffChoice(lang)], candidates: shown, confidence: confidence === null ? null : round(confidence) });
}

function handOff(
  done: Done,
  state: BotState,
  lang: Lang,
  reason: HandoffReason,
  replies: string[],
  shown: TurnOutcome['candidates'] = [],
  confidence: number | null = null,
): TurnOutcome {
  state.pending = null;
  const said = handoffText(lang, reason);
  return done({
    action: 'handoff', via: 'none', replies: said ? [...replies, said] : replies, handoffReason: reason, candidates: shown,
    confidence: confidence === null ? null : round(confidence),
  });
}

/** The greeting (first message) and the off-hours notice, each once per conversation. */
function notices(state: BotState, rules: readonly BotRule[], reply: (rule: BotRule) => string, offHours: boolean): string[] {
  const out: string[] = [];
  const greeting = scenarioRule(rules, 'greeting');
  if (greeting && state.turns === 1 && !state.notices.includes('greeting')) {
    out.push(reply(greeting));
    state.notices.push('greeting');
  }
  const away = scenarioRule(rules, 'off_hours');
  if (away && offHours && !state.notices.includes('off_hours')) {
    out.push(reply(away));
    state.notices.push('off_hours');
  }
  return out;
}


const round = (n: number) => Math.round(n * 1000) / 1000;
