import type { Lang } from '../../../../shared/domain';

/** The bot's own words, in both languages. */

/** A pick a bot message offers: the button's title, and what picking it says for the customer. */
export type BotChoice = { title: string; reply: string };

/** The button that asks for a person (its words are what a customer would type to ask for one). */
export function handoffChoice(lang: Lang): BotChoice {
  const words = lang === 'zh' ? '转人工客服' : 'Talk to an agent';
  return { title: words, reply: words };
}

/** An article as the bot's answer: its title, then its body. */
export function answerText(article: { title: string; body: string }): string {
  return `${article.title}\n\n${article.body}`;
}

/** "您是想问 A 还是 B？" with the options numbered for the reply. */
export function clarifyText(lang: Lang, titles: readonly string[]): string {
  const numbered = titles.map((t, i) => `${i + 1}. ${t}`).join('\n');
  if (lang === 'zh') {
    const asked = titles.length === 2 ? `${titles[0]} 还是 ${titles[1]}` : `${titles.slice(0, -1).join('、')} 还是 ${titles[titles.length - 1]}`;
    return `您是想问 ${asked}？\n${numbered}\n请回复序号（如“1”）或问题名称。`;
  }
  const asked = titles.length === 2 ? `"${titles[0]}" or "${titles[1]}"` : `${titles.slice(0, -1).map((t) => `"${t}"`).join(', ')} or "${titles[titles.length - 1]}"`;
  return `Did you mean ${asked}?\n${numbered}\nReply with the number (e.g. "1") or the title.`;
}

/** "猜你想问：" with the plausible articles numbered, when none is sure enough to answer. */
export function suggestText(lang: Lang, titles: readonly string[]): string {
  const numbered = titles.map((t, i) => `${i + 1}. ${t}`).join('\n');
  return lang === 'zh'
    ? `猜你想问：\n${numbered}\n请回复序号查看答案，或回复“转人工”联系人工客服。`
    : `Did you mean:\n${numbered}\nReply with a number to see the answer, or "agent" to talk to a person.`;
}

/** The note before an article written in the other language than the customer's. */
export function otherLanguageNote(lang: Lang): string {
  return lang === 'zh' ? '这个问题目前只有英文解答：' : 'This answer is only available in Chinese:';
}

/** The first time nothing is found: ask again in other words, or ask for a person. */
export function missText(lang: Lang): string {
  return lang === 'zh'
    ? '抱歉，我没有找到相关的答案。您可以换个说法再问一次，或回复“转人工”联系人工客服。'
    : 'Sorry, I could not find an answer to that. Could you put it another way? Or reply "agent" to talk to a person.';
}

/** Why the bot hands over to a person, told to the customer before the queue's notice. */
export function handoffText(lang: Lang, reason: 'request' | 'misses' | 'upset'): string | null {
  if (reason === 'request') return null;
  if (reason === 'misses') {
    return lang === 'zh' ? '抱歉，这个问题我暂时回答不了，我请人工客服来帮您。' : 'Sorry, I cannot answer that one. Let me get a person to help you.';
  }
  return lang === 'zh' ? '非常抱歉给您带来不好的体验，我马上请人工客服来处理。' : 'I am very sorry about this. Let me get a person to sort it out right away.';
}

export function greetingText(lang: Lang): string {
  return lang === 'zh' ? '您好！我是智能客服，请问有什么可以帮您？' : 'Hi! I am the assistant. How can I help you?';
}

export function thanksText(lang: Lang): string {
  return lang === 'zh' ? '不客气！还有其他问题随时问我。' : 'You are welcome! Ask me anything else any time.';
}
