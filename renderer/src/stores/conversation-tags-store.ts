import { create } from 'zustand';
import type { ConversationTagCatalog } from '../../../shared/conversation-tags';

interface ConversationTagsStore extends ConversationTagCatalog {
  put(catalog: ConversationTagCatalog): void;
  reset(): void;
}

const empty: ConversationTagCatalog = { tags: [], settings: { requireOutcome: false } };

/** The conversation tags (archived ones too, to name old tags) and whether resolving needs an outcome, as cached by the client core. */
export const createConversationTagsStore = () => create<ConversationTagsStore>((set) => ({
  ...empty,
  put: (catalog) => set({ tags: catalog.tags, settings: catalog.settings }),
  reset: () => set(empty),
}));

/** The one the app uses. */
export const useConversationTagsStore = createConversationTagsStore();
