/**
 * Moves focus into the composer's text box once it has rendered (after opening a conversation, a
 * mode switch or opening a whisper). Where there is no box to type in (a resolved conversation, a
 * conversation only watched), focus goes to the conversation's title instead of staying behind.
 */
export function focusComposer(): void {
  requestAnimationFrame(() => {
    const box = document.querySelector<HTMLTextAreaElement>('.composer .composer-input');
    if (box && !box.disabled) box.focus();
    else document.querySelector<HTMLElement>('#thread-title')?.focus();
  });
}
