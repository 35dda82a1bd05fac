import type { ChannelKind } from '../../../shared/domain';
import { markdownToPlainText, parseMarkdown, type MdInline } from '../../../shared/markdown';

/** WhatsApp's own marks: *bold* and _italic_; code stays as its characters. */
function whatsappInline(content: readonly MdInline[]): string {
  return content
    .map((piece) => {
      const text = piece.text;
      if (text.trim() === '' || piece.style === 'plain' || piece.style === 'code') return text;
      return piece.style === 'strong' ? `*${text}*` : `_${text}_`;
    })
    .join('');
}

function whatsappText(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `*${block.content.map((c) => c.text).join('')}*`;
        case 'list':
          return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${whatsappInline(item)}`).join('\n');
        case 'quote':
          return `> ${whatsappInline(block.content)}`;
        default:
          return whatsappInline(block.content);
      }
    })
    .join('\n\n');
}

/**
 * A reply as the customer's platform shows it: Markdown (the bot's articles, an agent's **bold**)
 * never reaches a customer as its source marks. WhatsApp keeps emphasis in its own marks; every
 * other platform gets plain text. Links stay readable as "text (https://…)".
 */
export function platformText(kind: ChannelKind, source: string): string {
  if (source.trim() === '') return source;
  const text = kind === 'whatsapp' ? whatsappText(source) : markdownToPlainText(source);
  return text.trim() === '' ? source : text;
}
