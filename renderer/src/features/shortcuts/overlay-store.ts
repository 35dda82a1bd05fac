import { create } from 'zustand';

/** The keyboard overlays: the command palette and the shortcut sheet (one at a time). */
export type Overlay = 'palette' | 'sheet';

interface OverlayState {
  open: Overlay | null;
  /** What had the focus before the overlay opened; it gets it back when the overlay closes. */
  returnFocus: HTMLElement | null;
  show(overlay: Overlay): void;
  /** Closes it; focus goes back where it was unless the overlay moved it on purpose (it opened a chat). */
  close(options?: { restoreFocus?: boolean }): void;
}

export const useOverlayStore = create<OverlayState>((set, get) => ({
  open: null,
  returnFocus: null,
  show(overlay) {
    const state = get();
    const active = typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null);
    set({ open: overlay, returnFocus: state.open ? state.returnFocus : active });
  },
  close({ restoreFocus = true } = {}) {
    const { returnFocus } = get();
    set({ open: null, returnFocus: null });
    // After the overlay has left the page, so focus does not land in something about to go.
    if (restoreFocus && returnFocus) requestAnimationFrame(() => returnFocus.isConnected && returnFocus.focus());
  },
}));
