/** Moves focus into the composer's text box once it has rendered (after a mode switch or opening a whisper). */
export function focusComposer(): void {
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.composer .composer-input')?.focus());
}
