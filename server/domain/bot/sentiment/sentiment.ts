import { EN_INTENSIFIERS, EN_NEGATORS, EN_SENTIMENT, ZH_INTENSIFIERS, ZH_NEGATORS, ZH_SENTIMENT } from './sentiment-lexicon';

/** A message's feeling: `score` from -1 (furious) to 1 (delighted), and the words that made it. */
export type Sentiment = { score: number; hits: string[] };

const INTENSITY = 1.5;
const NEGATION = -0.5;
/** Raw weight that maps to a score of about ±0.76: one word of abuse, or two angry ones. */
const SCALE = 3;

const ZH_ENTRIES = Object.entries(ZH_SENTIMENT).sort((a, b) => b[0].length - a[0].length);
const EN_PHRASES = Object.entries(EN_SENTIMENT).filter(([w]) => w.includes(' '));

/**
 * Scores the feeling of a customer's message, in Chinese and English (mixed too), from the
 * lexicon: each feeling word counts its weight, stronger after "太"/"so", turned around after
 * "不"/"not"; shouting (several "!" or a word in capitals) makes anger weigh more.
 */
export function sentimentOf(message: string): Sentiment {
  const text = message.normalize('NFKC');
  const lower = text.toLowerCase();
  let raw = 0;
  const hits: string[] = [];

  // Chinese: longest entries first; a character used by one entry is not used again.
  const used = new Array<boolean>(lower.length).fill(false);
  for (const [word, weight] of ZH_ENTRIES) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) {
      if (used.slice(at, at + word.length).some(Boolean)) continue;
      for (let i = at; i < at + word.length; i++) used[i] = true;
      raw += weight * modifier(lower.slice(Math.max(0, at - 2), at), ZH_INTENSIFIERS, ZH_NEGATORS, weight);
      hits.push(word);
    }
  }

  // English: phrases, then single words with the one or two words before them.
  let rest = ` ${lower.replace(/[^a-z'\s]+/g, ' ')} `;
  for (const [phrase, weight] of EN_PHRASES) {
    while (rest.includes(` ${phrase} `)) {
      rest = rest.replace(` ${phrase} `, ' ');
      raw += weight;
      hits.push(phrase);
    }
  }
  const words = rest.split(/\s+/).filter(Boolean);
  words.forEach((word, i) => {
    const weight = EN_SENTIMENT[word];
    if (weight === undefined || word.includes(' ')) return;
    raw += weight * modifier(words.slice(Math.max(0, i - 2), i).join(' '), EN_INTENSIFIERS, EN_NEGATORS, weight, true);
    hits.push(word);
  });

  if (raw < 0 && isShouting(text)) raw *= 1.3;
  return { score: Math.tanh(raw / SCALE), hits };
}

function modifier(before: string, intensifiers: readonly string[], negators: readonly string[], weight: number, words = false): number {
  const has = (w: string) => (words ? ` ${before} `.includes(` ${w} `) : before.endsWith(w) || before.includes(w));
  if (negators.some(has)) return weight > 0 ? NEGATION * 2 : NEGATION;
  return intensifiers.some(has) ? INTENSITY : 1;
}

function isShouting(text: string): boolean {
  return /[!！]{2,}/.test(text) || /\b[A-Z]{4,}\b/.test(text);
}

/** Below this a customer is clearly upset: the bot hands them to a person. */
export const UPSET_SCORE = -0.7;

export function isUpset(sentiment: Sentiment): boolean {
  return sentiment.score <= UPSET_SCORE;
}
