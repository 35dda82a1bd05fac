type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The document as far as presence goes; `hasFocus` is absent where nothing can tell. */
type PageDocument = Target & { readonly visibilityState: DocumentVisibilityState; hasFocus?(): boolean };

/**
 * Tells whether the window is visible and has the focus: `onChange` gets the state at once, then
 * `false` when the window loses focus or the page is hidden, and `true` when it is focused or
 * shown again (and focused); only on a change. Returns a function that stops listening.
 */
export function watchWindowVisibility(win: Target, doc: PageDocument, onChange: (visible: boolean) => void): () => void {
  const focused = () => (typeof doc.hasFocus === 'function' ? doc.hasFocus() : true);
  let visible = doc.visibilityState === 'visible' && focused();
  onChange(visible);
  const set = (next: boolean) => {
    if (next === visible) return;
    visible = next;
    onChange(next);
  };
  const onBlur = () => set(false);
  const onFocus = () => set(doc.visibilityState === 'visible');
  const onVisibility = () => set(doc.visibilityState === 'visible' && focused());
  win.addEventListener('blur', onBlur);
  win.addEventListener('focus', onFocus);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('blur', onBlur);
    win.removeEventListener('focus', onFocus);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
