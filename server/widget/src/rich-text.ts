import { parseMarkdown, type MdInline } from '../../../shared/markdown';

/**
 * Message text as DOM nodes, never as HTML: agents' and the bot's Markdown as formatted text
 * (shared/markdown.ts), and web addresses as links that open in a new tab. Only http and https
 * addresses become links; anything else (javascript:, data:, …) stays plain characters.
 */

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`，。！？；、（）【】「」]+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?)\]}'"*_]+$/;

/** The address as a link target when it is a plain http(s) URL; null for anything else. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** Appends `text` to `parent`, its web addresses as links. */
export function appendLinkified(parent: Node, text: string): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const address = match[0].replace(TRAILING, '');
    const href = safeHref(address);
    if (!href || address === '') continue;
    if (match.index > at) parent.appendChild(doc.createTextNode(text.slice(at, match.index)));
    const link = doc.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.className = 'msg__link';
    link.textContent = address;
    parent.appendChild(link);
    at = match.index + address.length;
  }
  if (at < text.length) parent.appendChild(doc.createTextNode(text.slice(at)));
}

function appendInline(parent: HTMLElement, content: readonly MdInline[]): void {
  const doc = parent.ownerDocument;
  for (const piece of content) {
    if (piece.style === 'plain') {
      appendLinkified(parent, piece.text);
      continue;
    }
    const element = doc.createElement(piece.style === 'strong' ? 'strong' : piece.style === 'em' ? 'em' : 'code');
    if (piece.style === 'code') element.textContent = piece.text;
    else appendLinkified(element, piece.text);
    parent.appendChild(element);
  }
}

/** Plain text with its links (the customer's own messages, system lines). */
export function renderPlainText(doc: Document, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  appendLinkified(fragment, text);
  return fragment;
}

/** Markdown as formatted text: paragraphs, headings (shown as bold lines), lists, quotes, bold, emphasis, code and links. */
export function renderMarkdown(doc: Document, source: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of parseMarkdown(source)) {
    switch (block.kind) {
      case 'heading': {
        const p = doc.createElement('p');
        p.className = 'md__heading';
        const strong = doc.createElement('strong');
        appendInline(strong, block.content);
        p.appendChild(strong);
        fragment.appendChild(p);
        break;
      }
      case 'paragraph':
      case 'quote': {
        const element = doc.createElement(block.kind === 'quote' ? 'blockquote' : 'p');
        element.className = block.kind === 'quote' ? 'md__quote' : 'md__p';
        appendInline(element, block.content);
        fragment.appendChild(element);
        break;
      }
      case 'list': {
        const list = doc.createElement(block.ordered ? 'ol' : 'ul');
        list.className = 'md__list';
        if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
        for (const item of block.items) {
          const li = doc.createElement('li');
          appendInline(li, item);
          list.appendChild(li);
        }
        fragment.appendChild(list);
        break;
      }
    }
  }
  return fragment;
}
