import { describe, expect, it } from 'vitest';
import { watchWindowVisibility } from './window-visibility';

class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

describe('window visibility for activity', () => {
  it('reports leaving on blur or hiding and coming back on focus or showing, once per change', () => {
    const win = new EventTarget();
    const doc = new FakeDocument();
    const seen: boolean[] = [];
    const stop = watchWindowVisibility(win, doc, (v) => seen.push(v));
    win.dispatchEvent(new Event('blur'));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('focus'));
    expect(seen).toEqual([true, false, true]);
    stop();
    win.dispatchEvent(new Event('blur'));
    expect(seen).toEqual([true, false, true]);
  });

  it('a focus event while the page is hidden does not count as back', () => {
    const win = new EventTarget();
    const doc = new FakeDocument();
    const seen: boolean[] = [];
    watchWindowVisibility(win, doc, (v) => seen.push(v));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('focus'));
    expect(seen).toEqual([true, false]);
  });

  it('a page shown again counts only once it has the focus; the state at start is told first', () => {
    const win = new EventTarget();
    const doc = Object.assign(new FakeDocument(), { focus: false, hasFocus(this: { focus: boolean }) { return this.focus; } });
    const seen: boolean[] = [];
    watchWindowVisibility(win, doc, (v) => seen.push(v));
    expect(seen).toEqual([false]);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toEqual([false]);
    doc.focus = true;
    win.dispatchEvent(new Event('focus'));
    expect(seen).toEqual([false, true]);
  });
});
