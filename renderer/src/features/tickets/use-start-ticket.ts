import { useCallback, useContext } from 'react';
import { TicketsContext } from '../../app/tickets-context';
import { useThreadStore } from '../../stores/thread-store';
import { useCreateTicketStore } from './create-ticket-store';
import { newTicketForm } from './ticket-logic';

/** Opens the create-ticket dialog for a conversation, the subject prefilled from the customer's latest message. */
export function useStartTicket(): (conversationId: string) => void {
  const tickets = useContext(TicketsContext);
  return useCallback(
    (conversationId: string) => {
      const messages = useThreadStore.getState().byConversation[conversationId]?.messages ?? [];
      const latest = [...messages].reverse().find((m) => m.senderType === 'contact' && !m.internal);
      useCreateTicketStore.getState().open(conversationId, newTicketForm(latest?.body ?? null));
      // Types and departments for the dialog's selects (the cached ones when offline).
      void tickets?.loadMeta();
    },
    [tickets],
  );
}
