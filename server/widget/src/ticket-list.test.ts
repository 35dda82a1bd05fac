// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import type { VisitorTicket } from '../../../shared/tickets-customer';
import { TicketList, type TicketSource } from './ticket-list';

const en = widgetTranslator('en');
const zh = widgetTranslator('zh-CN');

function page(): HTMLElement {
  document.body.innerHTML = '<section class="chat__tickets" hidden><ul class="chat__ticket-list"></ul></section>';
  return document.querySelector<HTMLElement>('.chat__tickets')!;
}

/** A connection that answers at once with `tickets`, or fails an add when `refuse` is set. */
function source(tickets: VisitorTicket[], refuse = false): TicketSource & { added: { number: number; body: string }[] } {
  const added: { number: number; body: string }[] = [];
  return {
    added,
    tickets: (done) => done(tickets),
    addToTicket: (number, body, done) => {
      added.push({ number, body });
      done(refuse ? null : { ...tickets.find((x) => x.number === number)!, status: 'open' });
    },
  };
}

const waiting: VisitorTicket = { number: 7, subject: 'VAT invoice', status: 'waiting_on_customer', updatedAt: '2026-12-07T06:00:00.000Z' };

describe("the customer's tickets in the chat", () => {
  it('stays hidden without tickets and lists each with its number and status once there are some', () => {
    const section = page();
    new TicketList(section, source([]), en).refresh();
    expect(section.hidden).toBe(true);
    new TicketList(section, source([waiting]), en).refresh();
    expect(section.hidden).toBe(false);
    expect(section.querySelector('.chat__ticket-title')!.textContent).toBe('#7 VAT invoice');
    expect(section.querySelector('.chat__ticket-status')!.textContent).toBe('Waiting for your reply');
    new TicketList(section, source([waiting]), zh).refresh();
    expect(section.querySelector('.chat__ticket-status')!.textContent).toBe('等待您的回复');
  });

  it('adds information to a ticket and shows where it stands now; a failure keeps what was typed', () => {
    const section = page();
    const failing = source([waiting], true);
    new TicketList(section, failing, en).refresh();
    section.querySelector<HTMLButtonElement>('.chat__ticket-add')!.click();
    const input = section.querySelector<HTMLTextAreaElement>('.chat__ticket-input')!;
    input.value = 'Tax number 9131';
    input.dispatchEvent(new Event('input'));
    section.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(failing.added).toEqual([{ number: 7, body: 'Tax number 9131' }]);
    expect(section.querySelector('.chat__ticket-error')!.textContent).toBe('Could not add this — please try again.');
    expect(section.querySelector<HTMLTextAreaElement>('.chat__ticket-input')!.value).toBe('Tax number 9131');

    const working = source([waiting]);
    new TicketList(section, working, en).refresh();
    section.querySelector<HTMLButtonElement>('.chat__ticket-add')!.click();
    section.querySelector<HTMLTextAreaElement>('.chat__ticket-input')!.value = 'Tax number 9131';
    section.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(working.added).toHaveLength(1);
    expect(section.querySelector('.chat__ticket-form')).toBeNull();
    expect(section.querySelector('.chat__ticket-status')!.textContent).toBe('Open');
  });
});
