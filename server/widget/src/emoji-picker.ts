import { COMMON_EMOJI, insertAt } from '../../../shared/emoji';

/**
 * The emoji button beside the text box: opens a small grid; a pick goes in where the caret was and
 * the grid closes (Esc or a second click on the button closes it too).
 */
export function attachEmojiPicker(button: HTMLButtonElement, grid: HTMLElement, input: HTMLTextAreaElement): void {
  const doc = grid.ownerDocument;
  for (const emoji of COMMON_EMOJI) {
    const pick = doc.createElement('button');
    pick.type = 'button';
    pick.className = 'chat__emoji';
    pick.textContent = emoji;
    pick.addEventListener('click', () => {
      const { text, caret } = insertAt(input.value, input.selectionStart ?? input.value.length, input.selectionEnd ?? input.value.length, emoji);
      input.value = text;
      input.setSelectionRange(caret, caret);
      input.dispatchEvent(new Event('input'));
      grid.hidden = true;
      input.focus();
    });
    grid.appendChild(pick);
  }
  button.addEventListener('click', () => {
    grid.hidden = !grid.hidden;
  });
  grid.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      grid.hidden = true;
      button.focus();
    }
  });
}
