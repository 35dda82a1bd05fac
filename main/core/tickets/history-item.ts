import type { TicketHistoryItem } from '../../../shared/contract';
import type { TicketEvent } from '../../../shared/tickets';

/** A stored history line as the detail pane shows it. */
export const asHistoryItem = (event: TicketEvent): TicketHistoryItem => ({ ...event, delivery: 'sent', error: null });
