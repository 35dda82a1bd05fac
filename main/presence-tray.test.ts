import { describe, expect, it } from 'vitest';
import type { EventName } from '../shared/contract';
import type { Presence } from '../shared/domain';
import { translator } from '../shared/i18n/desktop';
import { createPresenceTray, withPresenceTray, type TrayMenuItem } from './presence-tray';

/** A faked Electron Tray: remembers its image, tooltip and menu. */
function setUp() {
  const calls: string[] = [];
  const set: Presence[] = [];
  const tray = {
    image: null as Buffer | null,
    tooltip: '',
    menu: [] as TrayMenuItem[],
    click: null as (() => void) | null,
    destroyed: false,
  };
  const handle = createPresenceTray<Buffer, TrayMenuItem[]>({
    createTray: (image) => {
      tray.image = image;
      return {
        setImage: (next) => void (tray.image = next),
        setToolTip: (text) => void (tray.tooltip = text),
        setContextMenu: (menu) => void (tray.menu = menu),
        on: (_event, listener) => void (tray.click = listener),
        destroy: () => void (tray.destroyed = true),
      };
    },
    image: (png) => png,
    buildMenu: (template) => template,
    t: translator('en'),
    setPresence: async (presence) => void set.push(presence),
    showWindow: () => void calls.push('show'),
    quit: () => void calls.push('quit'),
    log: (message) => void calls.push(message),
  });
  const item = (label: string) => tray.menu.find((i) => i.label === label);
  return { handle, tray, calls, set, item };
}

describe('the tray icon with the agent\'s status', () => {
  it('signed out: says so, offers no status, opens the window and quits', () => {
    const { tray, calls, item } = setUp();
    expect(tray.tooltip).toBe('Switchboard: not signed in');
    expect(item('Online')).toMatchObject({ type: 'radio', enabled: false, checked: false });
    tray.click?.();
    item('Open Switchboard')?.click?.();
    item('Quit Switchboard')?.click?.();
    expect(calls).toEqual(['show', 'show', 'quit']);
  });

  it('shows the status and the unread count, and changes the status from its menu', async () => {
    const { handle, tray, set, item } = setUp();
    const signedOutImage = tray.image;
    handle.update({ presence: 'online', unread: 4 });
    expect(tray.tooltip).toBe('Switchboard: Online, 4 unread');
    expect(tray.image).not.toEqual(signedOutImage);
    expect(tray.menu.filter((i) => i.type === 'radio').map((i) => [i.label, i.checked, i.enabled])).toEqual([
      ['Online', true, true],
      ['Busy', false, true],
      ['Away', false, true],
      ['Offline', false, true],
    ]);
    item('Away')?.click?.();
    item('Online')?.click?.();
    await Promise.resolve();
    expect(set).toEqual(['away']);
  });

  it('follows the core\'s events, and passes every event on to the page', () => {
    const { handle, tray } = setUp();
    const forwarded: EventName[] = [];
    const emit = withPresenceTray((event) => forwarded.push(event), handle);
    emit('presence.changed', { userId: 'u1', presence: 'busy', load: 1, maxChats: 5, autoAwaySeconds: 600 });
    expect(tray.tooltip).toBe('Switchboard: Busy');
    emit('session.changed', { signedIn: false, user: null, serverUrl: null, lastEmail: null });
    expect(tray.tooltip).toBe('Switchboard: not signed in');
    expect(forwarded).toEqual(['presence.changed', 'session.changed']);
    handle.destroy();
    expect(tray.destroyed).toBe(true);
  });
});
