type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * Calls `onChange(false)` when the window loses focus or the page is hidden, and `onChange(true)`
 * when it is focused or shown again; only on a change. Returns a function that stops listening.
 */
export function watchWindowVisibility(
  win: Target,
  doc: Target & { readonly visibilityState: DocumentVisibilityState },
  onChange: (visible: boolean) => void,
): () => void {
  let visible = true;
  const set = (next: boolean) => {
    if (next === visible) return;
    visible = next;
    onChange(next);
  };
  const onBlur = () => set(false);
  const onFocus = () => set(doc.visibilityState === 'visible');
  const onVisibility = () => set(doc.visibilityState === 'visible');
  win.addEventListener('blur', onBlur);
  win.addEventListener('focus', onFocus);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('blur', onBlur);
    win.removeEventListener('focus', onFocus);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
