import type { WidgetTranslate } from '../../../shared/i18n/widget';
import type { VisitorTicket } from '../../../shared/tickets-customer';

/** What the list asks of the connection. */
export type TicketSource = {
  tickets(done: (tickets: VisitorTicket[] | null) => void): void;
  addToTicket(number: number, body: string, done: (ticket: VisitorTicket | null) => void): void;
};

/**
 * The customer's open tickets above the chat: number, subject and where each stands, with a small
 * form to add information to one. Hidden while they have none.
 */
export class TicketList {
  private tickets: VisitorTicket[] = [];
  /** The ticket whose form is open, and what was typed there (kept across a refresh). */
  private open: { number: number; draft: string } | null = null;

  constructor(private readonly section: HTMLElement, private readonly source: TicketSource, private readonly t: WidgetTranslate) {}

  /** Reads the tickets again (after connecting, and when the shop wrote: a status may have moved). */
  refresh(): void {
    this.source.tickets((tickets) => {
      if (!tickets) return;
      this.tickets = tickets;
      if (this.open && !tickets.some((x) => x.number === this.open!.number)) this.open = null;
      this.render();
    });
  }

  private render(): void {
    const list = this.section.querySelector<HTMLElement>('.chat__ticket-list');
    this.section.hidden = this.tickets.length === 0;
    if (!list) return;
    list.replaceChildren(...this.tickets.map((ticket) => this.item(ticket)));
  }

  private item(ticket: VisitorTicket): HTMLElement {
    const li = document.createElement('li');
    li.className = 'chat__ticket';
    li.dataset.number = String(ticket.number);
    const title = document.createElement('span');
    title.className = 'chat__ticket-title';
    title.textContent = this.t('widget.tickets.item', { number: ticket.number, subject: ticket.subject });
    const status = document.createElement('span');
    status.className = 'chat__ticket-status';
    status.textContent = this.t('widget.tickets.status', { status: ticket.status });
    li.append(title, status);
    if (this.open?.number === ticket.number) li.append(this.form(ticket.number));
    else {
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'chat__ticket-add';
      add.textContent = this.t('widget.tickets.add');
      add.addEventListener('click', () => {
        this.open = { number: ticket.number, draft: '' };
        this.render();
        this.section.querySelector<HTMLTextAreaElement>('.chat__ticket-input')?.focus();
      });
      li.append(add);
    }
    return li;
  }

  private form(number: number): HTMLFormElement {
    const form = document.createElement('form');
    form.className = 'chat__ticket-form';
    const input = document.createElement('textarea');
    input.className = 'chat__ticket-input';
    input.rows = 2;
    input.maxLength = 4096;
    input.placeholder = this.t('widget.tickets.placeholder');
    input.setAttribute('aria-label', this.t('widget.tickets.add'));
    input.value = this.open?.draft ?? '';
    input.addEventListener('input', () => {
      if (this.open) this.open.draft = input.value;
    });
    const send = document.createElement('button');
    send.type = 'submit';
    send.textContent = this.t('widget.tickets.send');
    const error = document.createElement('p');
    error.className = 'chat__ticket-error';
    error.setAttribute('role', 'alert');
    form.append(input, send, error);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = input.value.trim();
      if (!body) return;
      send.disabled = true;
      this.source.addToTicket(number, body, (ticket) => {
        send.disabled = false;
        if (!ticket) {
          // What they typed stays in the box.
          error.textContent = this.t('widget.tickets.failed');
          return;
        }
        this.open = null;
        this.tickets = this.tickets.map((x) => (x.number === ticket.number ? ticket : x));
        this.render();
      });
    });
    return form;
  }
}
