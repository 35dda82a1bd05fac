import type { HighlightedText } from '../../../../shared/knowledge';

/** Search-result text with the matching words marked. Rendered as text: never as HTML. */
export function Highlighted({ pieces }: { pieces: HighlightedText }) {
  return (
    <>
      {pieces.map((piece, i) =>
        piece.match ? (
          <mark key={i} className="kb-mark">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
