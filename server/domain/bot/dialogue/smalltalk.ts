import { botForm } from '../text/bot-form';

/** Polite openings that carry no question: left out before looking for an answer. */
const OPENINGS = /^(?:(?:你好|您好|你们好|哈喽|嗨|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|亲爱的|亲|在吗|在不在|有人吗|请问一下|请问|麻烦问一下|问一下|想问一下|我想问一下|我想问|打扰一下|dear|excuse me|quick question)[\s,，.。!！?？~～:：]*)+/u;

const GREETING_ONLY = /^(?:你好|您好|你们好|哈喽|嗨|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|在吗|在不在|有人吗|亲)$/u;
const THANKS_ONLY = /^(?:谢谢|谢谢你|谢谢您|多谢|感谢|好的谢谢|好的|好|嗯|嗯嗯|ok|okay|okk|thanks|thank you|thx|ty|cool|great|got it|明白了|知道了|收到|懂了)$/u;

/** What a message is when it asks nothing: a greeting, a thank-you (or okay), or neither. */
export type SmallTalk = 'greeting' | 'thanks' | null;

export function smallTalkOf(message: string): SmallTalk {
  const text = botForm(message).replace(/[\s,，.。!！?？~～:：]+/gu, ' ').trim();
  if (GREETING_ONLY.test(text) || text === '') return 'greeting';
  if (THANKS_ONLY.test(text)) return 'thanks';
  return null;
}

/** The message without a polite opening ("你好，请问…", "Hi, quick question:"), for retrieval. */
export function withoutOpening(message: string): string {
  const text = botForm(message);
  return text.replace(OPENINGS, '') || text;
}
