// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation } from '../../testing/fixtures';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { Composer } from '../composer/Composer';
import { InboxList } from '../inbox/InboxList';
import { useTemplatesStore } from '../templates/templates-store';
import { KeyboardLayer } from './KeyboardLayer';
import { useOverlayStore } from './overlay-store';
import { shortcutTable } from './shortcut-table';

let app: AppUnderTest;

const mine = { assigneeId: agentUser.id, assigneeName: agentUser.name };

/** Three of the agent's chats, newest first in the list, none open yet. */
function inbox() {
  app.signIn(signedIn);
  app.stores.inbox.getState().setLoaded([
    conversation({ id: 'c1', contactName: 'Wang Fang', lastMessagePreview: 'Where is my parcel?', lastMessageAt: '2025-01-01T10:03:00.000Z', ...mine }),
    conversation({ id: 'c2', contactName: 'Tom Baker', lastMessagePreview: 'The kettle handle broke', lastMessageAt: '2025-01-01T10:02:00.000Z', ...mine }),
    conversation({ id: 'c3', contactName: 'Oleg Petrov', lastMessagePreview: 'Open on Sunday?', lastMessageAt: '2025-01-01T10:01:00.000Z', unread: 2, ...mine }),
  ]);
  useTemplatesStore.getState().setLoaded([]);
  app.fake
    .answer('messages.list', () => [])
    .answer('drafts.get', () => null)
    .answer('drafts.save', ({ conversationId, body }) => ({ conversationId, body, updatedAt: '2025-01-01T10:00:00.000Z', reason: null }))
    .answer('sensitive.list', () => [])
    .answer('kb.search', () => []);
}

function renderWorkstation() {
  render(
    <>
      <InboxList />
      <div className="conversation-pane">
        <Composer />
      </div>
      <KeyboardLayer />
    </>,
    { wrapper: app.wrapper },
  );
}

const composerBox = () => screen.getByRole('textbox', { name: app.t('composer.label') });
const selected = () => app.stores.inbox.getState().selectedId;

// The inbox is a virtual list: it renders the rows that fit its height, and happy-dom lays nothing
// out. Give every element a height so the list has room for its rows.
const sizes = { clientHeight: 800, clientWidth: 400, offsetHeight: 92, offsetWidth: 400 } as const;
const real = Object.fromEntries(Object.keys(sizes).map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)]));
beforeAll(() => {
  for (const [k, v] of Object.entries(sizes)) Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
});
afterAll(() => {
  for (const [k, d] of Object.entries(real)) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
});

beforeEach(() => {
  app = new AppUnderTest('en');
  useOverlayStore.setState({ open: null, returnFocus: null });
});
afterEach(() => cleanup());

describe('opening a chat', () => {
  it('puts the cursor in the reply box when a row is clicked', async () => {
    inbox();
    renderWorkstation();
    await userEvent.click(await screen.findByText('Tom Baker'));
    expect(selected()).toBe('c2');
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
  });

  it('puts the cursor in the reply box when a row is opened with Enter, and the arrows still move in the list', async () => {
    inbox();
    renderWorkstation();
    const rows = await screen.findAllByTestId('conversation-item');
    within(rows[0]!).getByRole('button', { name: /Wang Fang/ }).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.closest('[data-testid=conversation-item]')?.getAttribute('data-conversation-id')).toBe('c2');
    await userEvent.keyboard('{Enter}');
    expect(selected()).toBe('c2');
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
  });

  it('moves to the next and previous chat and the next unread one by shortcut, from inside the reply box', async () => {
    inbox();
    renderWorkstation();
    await userEvent.click(await screen.findByText('Wang Fang'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(selected()).toBe('c2');
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(selected()).toBe('c1');
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowDown}{/Shift}{/Alt}');
    expect(selected()).toBe('c3');
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    // Plain arrows in the reply box stay the text box's own.
    await userEvent.keyboard('{ArrowUp}');
    expect(selected()).toBe('c3');
  });
});

describe('composer shortcuts', () => {
  const greeting = { id: 't1', ownerId: null, lang: 'en', shortcut: '/hi', title: 'Greeting', body: 'Hi {{contact.name}}, how can I help?', category: '' } as const;

  it('Alt+Q opens the quick reply picker in the reply box, and Enter puts the reply in', async () => {
    inbox();
    useTemplatesStore.getState().setLoaded([greeting]);
    renderWorkstation();
    await userEvent.click(await screen.findByText('Tom Baker'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('Hello');
    await userEvent.keyboard('{Alt>}q{/Alt}');
    expect(await screen.findByRole('listbox', { name: app.t('quick.pickerLabel') })).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(composerBox()).toHaveProperty('value', 'Hello Hi Tom Baker, how can I help?'));
  });

  it('Alt+N switches the composer to an internal note and back', async () => {
    inbox();
    renderWorkstation();
    await userEvent.click(await screen.findByText('Tom Baker'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('{Alt>}n{/Alt}');
    expect(app.stores.notes.getState().modes.c2).toBe('note');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('note-input')));
    await userEvent.keyboard('{Alt>}n{/Alt}');
    expect(app.stores.notes.getState().modes.c2).toBe('reply');
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
  });

  it('puts a quick reply chosen in the palette into the open reply, filled', async () => {
    inbox();
    useTemplatesStore.getState().setLoaded([greeting]);
    renderWorkstation();
    await userEvent.click(await screen.findByText('Tom Baker'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('{Control>}k{/Control}');
    await screen.findByRole('combobox', { name: app.t('palette.inputLabel') });
    await userEvent.keyboard('greeting');
    const option = await screen.findByRole('option', { name: /Greeting/ });
    expect(option.getAttribute('data-kind')).toBe('quickReply');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(composerBox()).toHaveProperty('value', 'Hi Tom Baker, how can I help?'));
  });
});

describe('the shortcut sheet', () => {
  it('opens with "?" outside a field, lists exactly the table, and Esc gives the focus back', async () => {
    inbox();
    renderWorkstation();
    const row = within((await screen.findAllByTestId('conversation-item'))[1]!).getByRole('button', { name: /Tom Baker/ });
    row.focus();
    await userEvent.keyboard('?');
    const sheet = await screen.findByRole('dialog', { name: app.t('shortcut.sheetTitle') });
    const listed = within(sheet).getAllByTestId('shortcut-row').map((r) => r.getAttribute('data-shortcut'));
    expect(listed.sort()).toEqual(shortcutTable.map((s) => s.id).sort());
    expect(within(sheet).getByText(app.t('shortcut.resolve'))).toBeTruthy();
    expect(sheet.textContent).toContain('Ctrl+K');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(row));
  });

  it('does not open when "?" is typed into the reply', async () => {
    inbox();
    renderWorkstation();
    await userEvent.click(await screen.findByText('Wang Fang'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('Why?');
    expect(composerBox()).toHaveProperty('value', 'Why?');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the command palette', () => {
  it('filters chats as the agent types, moves with the arrows, and opens the chosen one with Enter', async () => {
    inbox();
    renderWorkstation();
    await userEvent.keyboard('{Control>}k{/Control}');
    const input = await screen.findByRole('combobox', { name: app.t('palette.inputLabel') });
    expect(document.activeElement).toBe(input);
    await userEvent.keyboard('kettle');
    const chats = () => screen.getAllByTestId('palette-option').filter((o) => o.getAttribute('data-kind') === 'chat');
    await waitFor(() => expect(chats().map((o) => o.textContent)).toEqual([expect.stringContaining('Tom Baker')]));
    await userEvent.clear(input);
    await userEvent.keyboard('e');
    // Wang Fang, Tom Baker and Oleg Petrov all have an "e" in their name or last message.
    await waitFor(() => expect(chats()).toHaveLength(3));
    expect(screen.getByTestId('palette-count').textContent).toMatch(/\d+ results/);
    expect(input.getAttribute('aria-activedescendant')).toBe(chats()[0]!.id);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(chats()[2]!.id);
    expect(chats()[2]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(selected()).toBe('c3');
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
  });

  it('runs an action with Enter, its keys shown beside it', async () => {
    inbox();
    renderWorkstation();
    await userEvent.keyboard('{Control>}k{/Control}');
    await screen.findByRole('combobox', { name: app.t('palette.inputLabel') });
    await userEvent.keyboard('keyboard shortcuts');
    const action = await screen.findByRole('option', { name: /Show keyboard shortcuts/ });
    expect(action.textContent).toContain('Ctrl+/');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: app.t('shortcut.sheetTitle') })).toBeTruthy();
  });

  it('says when nothing matches and closes with Esc, giving the focus back', async () => {
    inbox();
    renderWorkstation();
    await userEvent.click(await screen.findByText('Wang Fang'));
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
    await userEvent.keyboard('{Control>}k{/Control}');
    await screen.findByRole('combobox', { name: app.t('palette.inputLabel') });
    await userEvent.keyboard('zzzz');
    await waitFor(() => expect(screen.getByTestId('palette-count').textContent).toBe(app.t('palette.count', { count: 0 })));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(composerBox()));
  });
});
