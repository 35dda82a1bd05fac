// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedConversationTag } from '../../../../shared/conversation-tags';
import { AppUnderTest } from '../../testing/app-under-test';
import { agentUser, sessionOf } from '../../testing/workstation-harness';
import { ConversationTagsAdmin } from './ConversationTagsAdmin';

const managed = (id: string, name: string, kind: ManagedConversationTag['kind'], extra: Partial<ManagedConversationTag> = {}): ManagedConversationTag =>
  ({ id, name, kind, colour: null, archived: false, position: 0, uses: 0, ...extra });

let app: AppUnderTest;
let tags: ManagedConversationTag[];

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(sessionOf({ ...agentUser, role: 'admin' }));
  tags = [managed('o1', 'Solved', 'outcome', { uses: 12 }), managed('r1', 'Billing question', 'reason', { uses: 3 })];
  let requireOutcome = false;
  app.fake.answer('conversationTags.adminList', () => ({ tags, settings: { requireOutcome } }));
  app.fake.answer('conversationTags.save', (input) => {
    const tag = managed(input.id ?? 'new', input.name, input.kind, { position: input.position ?? 0 });
    tags = [...tags, tag];
    return tag;
  });
  app.fake.answer('conversationTags.archive', ({ id, archived }) => {
    tags = tags.map((t) => (t.id === id ? { ...t, archived } : t));
    return tags.find((t) => t.id === id)!;
  });
  app.fake.answer('conversationTags.saveSettings', (settings) => {
    requireOutcome = settings.requireOutcome;
    return settings;
  });
});
afterEach(() => cleanup());

const rows = () => screen.getAllByTestId('tag-row').map((row) => within(row).getAllByRole('cell').slice(0, 4).map((cell) => cell.textContent));

describe('the conversation tags admin tab', () => {
  it('lists the tags with how often they were used, adds one, archives one and requires an outcome', async () => {
    render(<ConversationTagsAdmin offline={false} />, { wrapper: app.wrapper });
    const user = userEvent.setup();
    await screen.findAllByTestId('tag-row');
    expect(rows()).toEqual([['Solved', 'Outcome', '0', '12'], ['Billing question', 'Reason', '0', '3']]);

    await user.click(screen.getByRole('button', { name: 'New tag' }));
    await user.type(screen.getByLabelText('Name'), '  Delivery late ');
    await user.click(screen.getByRole('button', { name: 'Save tag' }));
    expect(await screen.findByText('"Delivery late" saved.')).toBeTruthy();
    expect(app.fake.callsOf('conversationTags.save')).toEqual([{ name: 'Delivery late', kind: 'reason', colour: null, position: 1 }]);

    await user.click(within(screen.getAllByTestId('tag-row')[0]!).getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('"Solved" is archived. Conversations that have it keep it.')).toBeTruthy();
    expect(within(screen.getAllByTestId('tag-row')[0]!).getByRole('button', { name: 'Restore' })).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Require an outcome to resolve a conversation' }));
    expect(app.fake.callsOf('conversationTags.saveSettings')).toEqual([{ requireOutcome: true }]);
    expect(await screen.findByText('Setting saved.')).toBeTruthy();
  });

  it('an empty name is caught before anything is sent', async () => {
    render(<ConversationTagsAdmin offline={false} />, { wrapper: app.wrapper });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New tag' }));
    await user.click(screen.getByRole('button', { name: 'Save tag' }));
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(app.fake.callsOf('conversationTags.save')).toEqual([]);
  });

  it('offline it says the tags need the connection', () => {
    render(<ConversationTagsAdmin offline />, { wrapper: app.wrapper });
    expect(screen.getByText('Conversation tags can be managed when you are online.')).toBeTruthy();
    expect(app.fake.callsOf('conversationTags.adminList')).toEqual([]);
  });
});
