import { Fragment, useMemo } from 'react';
import { parseMarkdown, type MdInline } from '../../../../shared/markdown';

function Inline({ content }: { content: readonly MdInline[] }) {
  return (
    <>
      {content.map((piece, i) => {
        // Line breaks inside a paragraph are kept as written.
        const lines = piece.text.split('\n').map((line, j) => (
          <Fragment key={j}>
            {j > 0 && <br />}
            {line}
          </Fragment>
        ));
        switch (piece.style) {
          case 'strong':
            return <strong key={i}>{lines}</strong>;
          case 'em':
            return <em key={i}>{lines}</em>;
          case 'code':
            return <code key={i}>{lines}</code>;
          default:
            return <Fragment key={i}>{lines}</Fragment>;
        }
      })}
    </>
  );
}

/** An article body: its Markdown as headings, paragraphs and lists of plain text (no HTML is ever rendered). */
export function MarkdownBody({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="kb-article-body">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return (
              <p key={i} className="kb-article-heading" role="heading" aria-level={Math.min(6, block.level + 3)}>
                <Inline content={block.content} />
              </p>
            );
          case 'quote':
            return (
              <blockquote key={i}>
                <Inline content={block.content} />
              </blockquote>
            );
          case 'list': {
            const items = block.items.map((item, j) => (
              <li key={j}>
                <Inline content={item} />
              </li>
            ));
            return block.ordered ? (
              <ol key={i} start={block.start}>
                {items}
              </ol>
            ) : (
              <ul key={i}>{items}</ul>
            );
          }
          default:
            return (
              <p key={i}>
                <Inline content={block.content} />
              </p>
            );
        }
      })}
    </div>
  );
}
