// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation, message, teamMember, ticket } from '../../testing/fixtures';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { ThreadView } from '../thread/ThreadView';
import { CreateTicketLauncher } from './CreateTicketLauncher';

let app: AppUnderTest;

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.stores.inbox.getState().setLoaded([conversation({ id: 'c1', assigneeId: agentUser.id, assigneeName: agentUser.name, contactName: 'Zhang Wei' })]);
  app.stores.inbox.getState().select('c1');
  app.stores.thread.getState().setLoaded('c1', [
    message({ id: 'm1', seq: 1, body: 'My blender stopped working' }),
    message({ id: 'm2', seq: 2, senderType: 'agent', body: 'Sorry to hear that' }),
    message({ id: 'm3', seq: 3, body: '  It smells   burnt when I turn it on ' }),
  ]);
  app.stores.team.getState().setLoaded([teamMember({ id: 'u7', name: 'Chen Jie' })], []);
  app.fake.answer('tickets.meta', () => ({
    types: [{ id: 'ty1', name: '维修', defaultDepartmentId: 'd1', position: 0, archived: false }],
    departments: [{ id: 'd1', name: 'Repairs', archived: false, members: [{ userId: 'u7', isLead: true }] }],
    myDepartmentIds: [],
    leadOf: [],
  }));
});

afterEach(() => cleanup());

function renderInbox() {
  render(
    <>
      <ThreadView />
      <CreateTicketLauncher />
    </>,
    { wrapper: app.wrapper },
  );
}

describe('creating a ticket from a conversation', () => {
  it('opens with Ctrl+Shift+T, the subject taken from the latest customer message, and sends the messages picked in the thread', async () => {
    app.fake.answer('tickets.create', () => ({ ticket: ticket({ id: 't9', number: 42 }), clientId: 'x' }));
    renderInbox();
    fireEvent.keyDown(window, { key: 'T', ctrlKey: true, shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Create a ticket' });
    expect((within(dialog).getByLabelText('Subject') as HTMLInputElement).value).toBe('It smells burnt when I turn it on');

    await userEvent.selectOptions(await within(dialog).findByLabelText('Type'), '维修');
    // The type's own department comes with it; the assignee list is its members.
    expect((within(dialog).getByLabelText('Department') as HTMLSelectElement).value).toBe('d1');
    await userEvent.selectOptions(within(dialog).getByLabelText('Assignee'), 'Chen Jie');
    await userEvent.selectOptions(within(dialog).getByLabelText('Priority'), 'High');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Select messages' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const picks = screen.getAllByRole('checkbox', { name: 'Add this message to the ticket' });
    expect(picks).toHaveLength(3);
    await userEvent.click(picks[0]!);
    await userEvent.click(picks[2]!);
    expect(screen.getByText('2 messages selected for a ticket')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Done selecting' }));

    const back = await screen.findByRole('dialog', { name: 'Create a ticket' });
    // What was chosen before picking is still there.
    expect((within(back).getByLabelText('Priority') as HTMLSelectElement).value).toBe('high');
    expect(within(back).getByTestId('create-ticket-excerpt').textContent).toBe('2 messages selected in the thread');
    await userEvent.click(within(back).getByRole('button', { name: 'Create' }));

    expect(app.fake.callsOf('tickets.create')).toEqual([
      {
        subject: 'It smells burnt when I turn it on',
        typeId: 'ty1',
        priority: 'high',
        departmentId: 'd1',
        assigneeId: 'u7',
        dueAt: null,
        conversationId: 'c1',
        excerptMessageIds: ['m1', 'm3'],
        contactId: null,
        orderRef: null,
      },
    ]);
    expect((await screen.findByTestId('create-ticket-notice')).textContent).toBe('Ticket #42 created');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryAllByRole('checkbox', { name: 'Add this message to the ticket' })).toHaveLength(0);
  });

  it('keeps everything typed and says why when the ticket is refused', async () => {
    app.fake.failWith('tickets.create', 'forbidden', 'not your conversation');
    renderInbox();
    fireEvent.keyDown(window, { key: 't', metaKey: true, shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Create a ticket' });
    const subject = within(dialog).getByLabelText('Subject') as HTMLInputElement;
    await userEvent.clear(subject);
    await userEvent.type(subject, 'Burnt motor, replace');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/^Not created:/);
    expect((within(dialog).getByLabelText('Subject') as HTMLInputElement).value).toBe('Burnt motor, replace');
  });

  it('says the ticket will be created when back online when it was queued', async () => {
    app.fake.answer('tickets.create', () => ({ ticket: null, clientId: 'x' }));
    renderInbox();
    fireEvent.keyDown(window, { key: 'T', ctrlKey: true, shiftKey: true });
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Create' }));
    expect((await screen.findByTestId('create-ticket-notice')).textContent).toBe('Saved offline: the ticket is created when the connection is back.');
  });
});
