// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { agentState } from '../../testing/fixtures';
import { PresenceSwitch } from './PresenceSwitch';

let app: AppUnderTest;

beforeEach(() => {
  app = new AppUnderTest('en');
  app.stores.presence.getState().setAgent(agentState({ presence: 'online', load: 2, maxChats: 5 }));
  app.fake.answer('presence.set', ({ presence }) => agentState({ presence, load: 2, maxChats: 5 }));
});

afterEach(() => cleanup());

describe('the presence control', () => {
  it('is one menu button whose name says the status and the load', () => {
    render(<PresenceSwitch />, { wrapper: app.wrapper });
    const button = screen.getByRole('button', { name: 'Status: Online 2/5 chats' });
    expect(button.getAttribute('title')).toBe('You have 2 of at most 5 chats');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });

  it('opens on the current status, moves with the arrow keys and sets the one chosen', async () => {
    render(<PresenceSwitch />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('presence-switch'));
    expect(screen.getByRole('menu', { name: app.t('presence.menu') })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('menuitemradio', { name: 'Online' }));
    expect(screen.getByRole('menuitemradio', { name: 'Online' }).getAttribute('aria-checked')).toBe('true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitemradio', { name: 'Away' }));
    await userEvent.keyboard('{Enter}');
    expect(app.fake.callsOf('presence.set')).toEqual([{ presence: 'away' }]);
    await screen.findByRole('button', { name: 'Status: Away 2/5 chats' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('presence-switch'));
  });

  it('Escape closes the menu without changing anything; an automatic away says so', async () => {
    render(<PresenceSwitch />, { wrapper: app.wrapper });
    await userEvent.click(screen.getByTestId('presence-switch'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(app.fake.callsOf('presence.set')).toEqual([]);
    app.stores.presence.getState().setAutoAway(true);
    app.stores.presence.getState().setAgent(agentState({ presence: 'away', load: 0, maxChats: 5 }));
    await screen.findByRole('button', { name: 'Status: Away Idle 0/5 chats' });
  });
});
