/** True when this key press should send: Enter without Shift, and not while an IME is composing. */
export function isSendKey(event: { key: string; shiftKey: boolean; isComposing: boolean; keyCode?: number }): boolean {
  // keyCode 229 is what some browsers report for Enter that confirms an IME candidate.
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229;
}
