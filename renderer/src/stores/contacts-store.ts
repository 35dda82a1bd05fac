import { create } from 'zustand';
import type { Contact } from '../../../shared/domain';

interface ContactsStore {
  byId: Record<string, Contact>;
  put(contact: Contact): void;
  reset(): void;
}

/** Customers shown beside the thread, from `contacts.get` and `contact.updated`. */
export const createContactsStore = () => create<ContactsStore>((set) => ({
  byId: {},
  put: (contact) => set((s) => ({ byId: { ...s.byId, [contact.id]: contact } })),
  reset: () => set({ byId: {} }),
}));

/** The one the app uses. */
export const useContactsStore = createContactsStore();
