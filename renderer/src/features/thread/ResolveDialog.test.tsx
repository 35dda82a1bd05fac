// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationTag } from '../../../../shared/conversation-tags';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation } from '../../testing/fixtures';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { ThreadView } from './ThreadView';

const tag = (id: string, name: string, kind: ConversationTag['kind'], extra: Partial<ConversationTag> = {}): ConversationTag => ({ id, name, kind, colour: null, archived: false, position: 0, ...extra });
const tags = [
  tag('r1', 'Billing question', 'reason'),
  tag('r2', 'Delivery', 'reason', { position: 1 }),
  tag('r-old', 'Old reason', 'reason', { archived: true }),
  tag('o1', 'Solved', 'outcome'),
  tag('o2', 'Refunded', 'outcome', { position: 1 }),
];

let app: AppUnderTest;
const mine = (extra: Parameters<typeof conversation>[0]) => conversation({ assigneeId: agentUser.id, assigneeName: agentUser.name, contactName: 'Zhang Wei', ...extra });

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.stores.inbox.getState().setLoaded([mine({ id: 'c1' })]);
  app.stores.inbox.getState().select('c1');
  app.stores.thread.getState().setLoaded('c1', []);
});
afterEach(() => cleanup());

const renderThread = () => render(<ThreadView />, { wrapper: app.wrapper });

describe('resolving with a reason and an outcome', () => {
  it('asks for the reason and outcome by keyboard alone, resolves with them, and shows them in the header', async () => {
    app.stores.conversationTags.getState().put({ tags, settings: { requireOutcome: false } });
    app.fake.answer('conversations.resolve', ({ conversationId, tagIds }) => mine({ id: conversationId, status: 'resolved', seq: 2, ...(tagIds ? { tagIds } : {}) }));
    renderThread();
    const user = userEvent.setup();

    screen.getByRole('button', { name: 'Resolve' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Resolve conversation' });
    // Archived reasons are not offered.
    const reason = within(dialog).getByLabelText('Reason') as HTMLSelectElement;
    expect([...reason.options].map((o) => o.text)).toEqual(['No reason', 'Billing question', 'Delivery']);

    await user.tab(); // the dialog's close button
    await user.tab();
    expect(document.activeElement).toBe(reason);
    await user.selectOptions(reason, 'Delivery');
    await user.tab(); // the outcome group, starting at "No outcome"
    expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: 'No outcome' }));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect((within(dialog).getByRole('radio', { name: 'Refunded' }) as HTMLInputElement).checked).toBe(true);
    await user.keyboard('{Enter}');

    await app.fake.untilCalled('conversations.resolve');
    expect(app.fake.callsOf('conversations.resolve')).toEqual([{ conversationId: 'c1', tagIds: ['r2', 'o2'] }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    const shown = await screen.findByRole('list', { name: 'Conversation tags' });
    expect(within(shown).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Reason: Delivery', 'Outcome: Refunded']);
    expect(screen.getByTestId('resolved-badge')).toBeTruthy();
  });

  it('when an outcome is required, resolving without one is stopped and the outcome takes the focus', async () => {
    app.stores.conversationTags.getState().put({ tags, settings: { requireOutcome: true } });
    app.fake.answer('conversations.resolve', ({ conversationId, tagIds }) => mine({ id: conversationId, status: 'resolved', seq: 2, ...(tagIds ? { tagIds } : {}) }));
    renderThread();
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve conversation' });
    expect(within(dialog).getByRole('group', { name: 'Outcome (required)' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));

    expect(within(dialog).getByRole('alert').textContent).toBe('Choose an outcome before resolving this conversation.');
    expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: 'Solved' }));
    expect(app.fake.callsOf('conversations.resolve')).toEqual([]);

    // Arrow keys move between outcomes as in any radio group; Enter resolves.
    await user.keyboard(' ');
    await user.keyboard('{Enter}');
    await app.fake.untilCalled('conversations.resolve');
    expect(app.fake.callsOf('conversations.resolve')).toEqual([{ conversationId: 'c1', tagIds: ['o1'] }]);
  });

  it('with no tags set up, Resolve resolves at once; an outcome the server requires opens the picker', async () => {
    app.fake.failWith('conversations.resolve', 'outcome_required', 'Choose an outcome');
    renderThread();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await app.fake.untilCalled('conversations.resolve');
    expect(app.fake.callsOf('conversations.resolve')).toEqual([{ conversationId: 'c1' }]);
    const dialog = await screen.findByRole('dialog', { name: 'Resolve conversation' });
    expect(within(dialog).getByText('No outcomes have been set up yet. Ask an admin to add them.')).toBeTruthy();
  });

  it('an archived tag still shows on a conversation that has it, and the picker keeps it while chosen', async () => {
    app.stores.conversationTags.getState().put({ tags, settings: { requireOutcome: false } });
    app.stores.inbox.getState().setLoaded([mine({ id: 'c1', status: 'resolved', tagIds: ['r-old', 'o1'] })]);
    app.fake.answer('conversations.setTags', ({ conversationId, tagIds }) => mine({ id: conversationId, status: 'resolved', seq: 3, tagIds }));
    renderThread();
    const user = userEvent.setup();

    expect(within(screen.getByRole('list', { name: 'Conversation tags' })).getAllByRole('listitem').map((li) => li.textContent))
      .toEqual(['Reason: Old reason', 'Outcome: Solved']);
    await user.click(screen.getByRole('button', { name: 'Reason and outcome' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reason and outcome' });
    const reason = within(dialog).getByLabelText('Reason') as HTMLSelectElement;
    expect(reason.value).toBe('r-old');
    expect([...reason.options].map((o) => o.text)).toContain('Old reason (archived)');
    await user.click(within(dialog).getByRole('radio', { name: 'Refunded' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await app.fake.untilCalled('conversations.setTags');
    expect(app.fake.callsOf('conversations.setTags')).toEqual([{ conversationId: 'c1', tagIds: ['r-old', 'o2'] }]);
  });

  it('a refusal stays in the picker in words', async () => {
    app.stores.conversationTags.getState().put({ tags, settings: { requireOutcome: false } });
    app.fake.failWith('conversations.resolve', 'tag_archived', 'archived', { name: 'Delivery' });
    renderThread();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve conversation' });
    await user.selectOptions(within(dialog).getByLabelText('Reason'), 'Delivery');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect((await within(dialog).findByTestId('resolve-error')).textContent).toBe('The tag "Delivery" was archived and can no longer be chosen.');
  });
});
