/**
 * The "/" picker's state (pure). Typing "/" at the start of the reply or after a space opens it;
 * what follows up to the caret is the query. Arrow keys move, Enter or Tab inserts, Esc closes it
 * until another "/" is typed.
 */

/** The "/" word the caret is in: where it starts and what follows the slash. */
export type SlashToken = { start: number; query: string };

const MAX_QUERY = 40;

export function slashToken(text: string, caret: number): SlashToken | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  if (text[start] !== '/') return null;
  const query = text.slice(start + 1, caret);
  if (query.length > MAX_QUERY) return null;
  return { start, query };
}

export type PickerState = {
  open: boolean;
  start: number;
  query: string;
  active: number;
  /** Where the "/" closed with Esc starts: that one stays closed. */
  dismissed: number | null;
};

export const closedPicker: PickerState = { open: false, start: -1, query: '', active: 0, dismissed: null };

/** The picker after the text or the caret changed. */
export function pickerAfterInput(state: PickerState, text: string, caret: number): PickerState {
  const token = slashToken(text, caret);
  if (!token) return { ...closedPicker };
  if (state.dismissed === token.start) return { ...closedPicker, dismissed: token.start };
  const same = state.open && state.start === token.start && state.query === token.query;
  return { open: true, start: token.start, query: token.query, active: same ? state.active : 0, dismissed: null };
}

export type PickerKey = 'ArrowDown' | 'ArrowUp' | 'Enter' | 'Tab' | 'Escape';

/** What a key does while the picker is open: move, insert the active reply, close, or nothing. */
export function pickerKey(
  state: PickerState,
  key: string,
  count: number,
): { state: PickerState; action: 'move' | 'insert' | 'close' | 'none' } {
  if (!state.open) return { state, action: 'none' };
  switch (key) {
    case 'ArrowDown':
      return { state: { ...state, active: count === 0 ? 0 : (state.active + 1) % count }, action: 'move' };
    case 'ArrowUp':
      return { state: { ...state, active: count === 0 ? 0 : (state.active - 1 + count) % count }, action: 'move' };
    case 'Enter':
    case 'Tab':
      return count === 0 ? { state, action: 'none' } : { state: { ...closedPicker }, action: 'insert' };
    case 'Escape':
      return { state: { ...closedPicker, dismissed: state.start }, action: 'close' };
    default:
      return { state, action: 'none' };
  }
}

/** The text with the "/" word replaced by a reply, and where the caret goes. */
export function insertAtSlash(text: string, token: SlashToken, caret: number, reply: string): { text: string; caret: number } {
  const before = text.slice(0, token.start);
  const after = text.slice(caret);
  return { text: before + reply + after, caret: before.length + reply.length };
}
