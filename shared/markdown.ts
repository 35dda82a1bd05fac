/**
 * The small part of Markdown knowledge articles are written in: headings, paragraphs, bullet and
 * numbered lists, quotes, **bold**, *emphasis*, `code` and [links](…). Parsed into plain data that
 * a view renders as text (never as HTML), or flattened into plain text for a chat reply. Anything
 * else stays as the characters it was written with. Pure: no I/O.
 */

export type MdInline = { text: string; style: 'plain' | 'strong' | 'em' | 'code' };

export type MdBlock =
  | { kind: 'heading'; level: number; content: MdInline[] }
  | { kind: 'paragraph'; content: MdInline[] }
  | { kind: 'quote'; content: MdInline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MdInline[][] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,4})(?:[.)]\s+|、\s*)(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
// A line of stars is not a rule: it is what masking leaves of a number or word on a line of its own.
const RULE = /^\s*([-_])(\s*\1){2,}\s*$/;

/** The blocks of an article body, in order. */
export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join('\n')) });
    if (quote.length > 0) blocks.push({ kind: 'quote', content: parseInline(quote.join('\n')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items: list.items.map(parseInline) });
    paragraph = [];
    quote = [];
    list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '' || RULE.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push(bullet ? bullet[1]! : numbered![2]!);
      continue;
    }
    const quoted = QUOTE.exec(line);
    if (quoted) {
      if (quote.length === 0) flush();
      quote.push(quoted[1]!);
      continue;
    }
    // A line under a list item continues it; otherwise it belongs to the paragraph.
    if (list && /^\s+/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (list || quote.length > 0) flush();
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

// Bold, like emphasis, starts and ends on a character that is neither a space nor a star, so the
// stars of masked text ("**** **** **** ****") stay as written.
const INLINE = /\*\*([^\s*](?:.*?[^\s*])?)\*\*|__(.+?)__|`([^`]+)`|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** One line (or paragraph) of text cut into plain and styled pieces. A link reads "text (address)". */
export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  const push = (piece: string, style: MdInline['style']) => {
    if (piece === '') return;
    const last = out[out.length - 1];
    if (last && last.style === style) last.text += piece;
    else out.push({ text: piece, style });
  };
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    push(text.slice(at, match.index), 'plain');
    if (match[1] !== undefined || match[2] !== undefined) push((match[1] ?? match[2])!, 'strong');
    else if (match[3] !== undefined) push(match[3], 'code');
    else if (match[4] !== undefined) push(match[4], 'em');
    else push(match[5] === match[6] ? match[6]! : `${match[5]} (${match[6]})`, 'plain');
    at = match.index + match[0].length;
  }
  push(text.slice(at), 'plain');
  return out;
}

const plain = (content: readonly MdInline[]) => content.map((c) => c.text).join('');

/** The article as a chat reply: the same words and lists, without Markdown marks. */
export function markdownToPlainText(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.kind) {
        case 'list':
          return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${plain(item)}`).join('\n');
        default:
          return plain(block.content);
      }
    })
    .join('\n\n');
}
