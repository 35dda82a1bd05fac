import { create } from 'zustand';
import type { TicketPriority } from '../../../../shared/tickets';

/** What the create-ticket dialog holds while it is open or set aside to pick messages. */
export type CreateTicketForm = {
  subject: string;
  typeId: string;
  priority: TicketPriority;
  departmentId: string;
  assigneeId: string;
  /** The datetime-local input's value ('' for none). */
  due: string;
};

interface CreateTicketStore {
  /** The conversation a ticket is being created from, or null. */
  conversationId: string | null;
  form: CreateTicketForm | null;
  /** The dialog is shown (false while messages are being picked in the thread). */
  dialogOpen: boolean;
  /** Messages picked as the excerpt, in the order picked. */
  picked: string[];
  /** Picking messages in the thread. */
  picking: boolean;
  /** What happened with the last ticket created here (shown after the dialog closed). */
  notice: { kind: 'created'; number: number } | { kind: 'queued' } | null;
  open(conversationId: string, form: CreateTicketForm): void;
  setForm(patch: Partial<CreateTicketForm>): void;
  startPicking(): void;
  stopPicking(): void;
  togglePicked(messageId: string): void;
  done(notice: CreateTicketStore['notice']): void;
  cancel(): void;
}

const closed = { conversationId: null, form: null, dialogOpen: false, picked: [] as string[], picking: false };

/** The create-ticket flow from a conversation: the dialog's fields and the messages picked for the excerpt. */
export const createCreateTicketStore = () =>
  create<CreateTicketStore>((set) => ({
    ...closed,
    notice: null,
    open: (conversationId, form) =>
      set((s) =>
        // Opened again for the same conversation (after picking), it keeps what was typed and picked.
        s.conversationId === conversationId && s.form
          ? { dialogOpen: true, picking: false, notice: null }
          : { ...closed, conversationId, form, dialogOpen: true, notice: null },
      ),
    setForm: (patch) => set((s) => (s.form ? { form: { ...s.form, ...patch } } : s)),
    startPicking: () => set({ dialogOpen: false, picking: true }),
    stopPicking: () => set({ dialogOpen: true, picking: false }),
    togglePicked: (id) => set((s) => ({ picked: s.picked.includes(id) ? s.picked.filter((p) => p !== id) : [...s.picked, id] })),
    done: (notice) => set({ ...closed, notice }),
    cancel: () => set({ ...closed, notice: null }),
  }));

export const useCreateTicketStore = createCreateTicketStore();
