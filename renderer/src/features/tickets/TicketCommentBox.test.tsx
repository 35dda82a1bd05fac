// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { clientId, historyItem, teamMember } from '../../testing/fixtures';
import { signedIn } from '../../testing/workstation-harness';
import { TicketCommentBox } from './TicketCommentBox';

let app: AppUnderTest;

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.stores.team.getState().setLoaded([teamMember({ id: 'u2', name: 'Li Lei', role: 'agent' })], []);
  app.fake.answer('tickets.saveDraft', ({ ticketId, body, public: isPublic }) => (body ? { ticketId, body, public: isPublic, updatedAt: '2026-01-01T09:00:00.000Z', reason: null } : null));
});

afterEach(() => cleanup());

const box = () => screen.getByRole('textbox');

describe('the ticket comment box', () => {
  it('keeps the text and shows why when the comment could not be sent', async () => {
    app.fake.failWith('tickets.comment', 'forbidden', 'not your department');
    render(<TicketCommentBox ticketId="t1" draft={null} />, { wrapper: app.wrapper });
    await userEvent.type(box(), 'The courier picks it up tomorrow');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not sent: .*Your text is kept\.$/);
    expect((box() as HTMLTextAreaElement).value).toBe('The courier picks it up tomorrow');
    // And it is kept as the ticket's draft, so it survives switching tickets or a restart.
    expect(app.fake.callsOf('tickets.saveDraft').at(-1)).toEqual({ ticketId: 't1', body: 'The courier picks it up tomorrow', public: false });
  });

  it('offline, hands the comment to the outbox, empties the box and says it will be sent', async () => {
    app.fake.answer('tickets.comment', ({ ticketId, body }) => historyItem({ id: clientId(1), clientId: clientId(1), ticketId, body, delivery: 'queued' }));
    render(<TicketCommentBox ticketId="t1" draft={null} />, { wrapper: app.wrapper });
    await userEvent.type(box(), 'Checked with the warehouse');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('status')).textContent).toBe('You are offline: it will be sent when the connection is back.');
    expect((box() as HTMLTextAreaElement).value).toBe('');
  });

  it('sends an internal comment with the colleagues mentioned, and a public reply when switched', async () => {
    app.fake.answer('tickets.comment', ({ ticketId, body, public: isPublic }) => historyItem({ id: 'e1', ticketId, body, public: isPublic }));
    render(<TicketCommentBox ticketId="t1" draft={null} />, { wrapper: app.wrapper });
    expect(screen.getByRole('button', { name: 'Internal comment' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.type(box(), 'please look @Li');
    await userEvent.click(await screen.findByRole('option', { name: /Li Lei/ }));
    await userEvent.type(box(), 'at the motor');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(app.fake.callsOf('tickets.comment')).toEqual([{ ticketId: 't1', body: 'please look @Li Lei at the motor', public: false, mentions: ['u2'] }]);

    await userEvent.click(screen.getByRole('button', { name: 'Reply to the customer' }));
    await userEvent.type(box(), 'A new motor is on its way.');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(app.fake.callsOf('tickets.comment')[1]).toEqual({ ticketId: 't1', body: 'A new motor is on its way.', public: true });
  });

  it('shows a draft the core returned with its reason', async () => {
    render(
      <TicketCommentBox
        ticketId="t1"
        draft={{ ticketId: 't1', body: 'Refund approved', public: true, updatedAt: '2026-01-01T09:00:00.000Z', reason: { code: 'forbidden', message: 'no' } }}
      />,
      { wrapper: app.wrapper },
    );
    expect((box() as HTMLTextAreaElement).value).toBe('Refund approved');
    expect(screen.getByRole('button', { name: 'Reply to the customer' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/^Not sent:/);
  });
});
