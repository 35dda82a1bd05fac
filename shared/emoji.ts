/**
 * The emoji offered by the composer's picker (the desktop and the widget): the ones people use in
 * customer service, in a small built-in grid, without a font or an image set of our own.
 */
export const COMMON_EMOJI: readonly string[] = [
  '😀', '😊', '🙂', '😉', '😍', '🥰', '😘', '😂', '🤣', '😅', '😇', '🤔', '😐', '😮', '😢', '😭',
  '😡', '😴', '🤗', '🙏', '👍', '👎', '👌', '👏', '🙌', '👋', '💪', '🤝', '✌️', '❤️', '💔', '💯',
  '🎉', '🎁', '✨', '🔥', '⭐', '✅', '❌', '⚠️', '❓', '❗', '📦', '🚚', '💳', '🧾', '📷', '📎',
];

/**
 * `text` with `emoji` put where the caret was (`start`..`end`, a selection replaced), and where the
 * caret goes after it.
 */
export function insertAt(text: string, start: number, end: number, emoji: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: `${text.slice(0, from)}${emoji}${text.slice(to)}`, caret: from + emoji.length };
}
