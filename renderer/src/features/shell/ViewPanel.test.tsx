// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/domain';
import { AppUnderTest } from '../../testing/app-under-test';
import { agentUser, sessionOf } from '../../testing/workstation-harness';
import { ViewPanel } from './ViewPanel';
import { ViewSwitch } from './ViewSwitch';

let app: AppUnderTest;

beforeEach(() => {
  app = new AppUnderTest('en');
  app.fake
    .answer('tickets.meta', () => ({ types: [], departments: [], myDepartmentIds: ['d1'], leadOf: [] }))
    .answer('tickets.list', () => ({ tickets: [], total: 0, pending: [] }))
    .answer('team.list', () => ({ agents: [], groups: [] }));
});

afterEach(() => cleanup());

function renderScreens() {
  render(
    <>
      <ViewSwitch />
      <ViewPanel>
        <p>the inbox panes</p>
      </ViewPanel>
    </>,
    { wrapper: app.wrapper },
  );
}

describe('the screens by role', () => {
  it('gives department staff only the Tickets view: no inbox, no screen switch', async () => {
    const stop = app.tickets.start();
    const staff: User = { id: 's1', accountId: 'acc', email: 'zhou@example.com', name: 'Zhou Min', role: 'staff' };
    app.signIn(sessionOf(staff));
    // Whatever was chosen before (an agent's inbox), staff see tickets.
    app.stores.view.getState().setView('inbox');
    renderScreens();
    expect(await screen.findByTestId('tickets-view')).toBeTruthy();
    expect(screen.queryByText('the inbox panes')).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
    // They start from their department's tickets.
    expect(screen.getByRole('button', { name: 'My department' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => app.fake.callsOf('tickets.list').at(-1)).toMatchObject({ view: 'my_department' });
    stop();
  });

  it('gives agents the inbox with Tickets and Reports tabs beside it', async () => {
    app.signIn(sessionOf(agentUser));
    renderScreens();
    expect(screen.getByText('the inbox panes')).toBeTruthy();
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Inbox', 'Tickets', 'Reports']);
    await userEvent.click(screen.getByRole('tab', { name: 'Tickets' }));
    expect(await screen.findByTestId('tickets-view')).toBeTruthy();
    expect(screen.queryByText('the inbox panes')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Reports' }));
    expect(await screen.findByTestId('reports-view')).toBeTruthy();
    expect(screen.getByTestId('reports-own-note')).toBeTruthy();
  });
});
