import type { InboxConversation } from '../../../../shared/contract';
import type { KnowledgeController } from '../../app/knowledge-controller';
import type { WorkstationController } from '../../app/workstation-controller';
import { isOfferToMe } from '../../stores/inbox-logic';
import { useInboxStore } from '../../stores/inbox-store';
import { useNotesStore } from '../../stores/notes-store';
import { usePresenceStore } from '../../stores/presence-store';
import { focusComposer } from '../composer/focus-composer';
import { worthSuggesting } from '../knowledge/knowledge-logic';
import { useKnowledgeStore } from '../knowledge/knowledge-store';
import { nextUnread, stepChat } from './chat-steps';
import { useOverlayStore } from './overlay-store';
import type { ShortcutActions } from './shortcut-table';
import { requestUi } from './ui-requests';
import { nextPresence } from './presence-cycle';

export interface ShortcutActionDeps {
  controller: Pick<WorkstationController, 'selectConversation' | 'accept' | 'setPresence'>;
  knowledge: Pick<KnowledgeController, 'insertIntoReply'>;
  /** The conversations the inbox list shows, in its order. */
  shown(): readonly InboxConversation[];
  report(message: string): void;
}

/** Opens a conversation and puts the cursor in its reply box, as a click or Enter on its row does. */
export function openChat(controller: Pick<WorkstationController, 'selectConversation'>, id: string): void {
  controller.selectConversation(id);
  focusComposer();
}

/** What each shortcut and palette action does, over the workstation's controllers and stores. */
export function createShortcutActions({ controller, knowledge, shown, report }: ShortcutActionDeps): ShortcutActions {
  const selectedId = () => useInboxStore.getState().selectedId;
  const open = (id: string | null) => {
    if (id) openChat(controller, id);
  };
  const failed = (what: string) => (err: unknown) => report(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);

  return {
    nextChat: () => open(stepChat(shown(), selectedId(), 1)),
    previousChat: () => open(stepChat(shown(), selectedId(), -1)),
    nextUnread: () => open(nextUnread(shown(), selectedId())),
    focusComposer,
    resolve: () => void requestUi('resolve'),
    transfer: () => void requestUi('transfer'),
    quickReply: () => void requestUi('quickReply'),
    knowledgeSearch: () => void requestUi('knowledgeSearch'),
    toggleNote() {
      const id = selectedId();
      if (!id) return;
      const notes = useNotesStore.getState();
      notes.setMode(id, (notes.modes[id] ?? 'reply') === 'note' ? 'reply' : 'note');
      focusComposer();
    },
    insertArticle() {
      const id = selectedId();
      const suggestions = useKnowledgeStore.getState().suggestions;
      if (!id || suggestions?.conversationId !== id) return;
      const best = worthSuggesting(suggestions.hits)[0];
      if (!best) return;
      knowledge.insertIntoReply(id, best.article);
      focusComposer();
    },
    acceptOffer() {
      const { byId, me, conversations } = useInboxStore.getState();
      const selected = selectedId();
      const offered = (c: InboxConversation | undefined) => c !== undefined && c.status === 'open' && c.routingState === 'offered' && isOfferToMe(c, me);
      const target = offered(selected ? byId[selected] : undefined) ? byId[selected!] : conversations.find(offered);
      if (!target) return;
      controller.accept(target.id).then(() => open(target.id), failed('Accepting the offer'));
    },
    cyclePresence() {
      const agent = usePresenceStore.getState().agent;
      if (!agent) return;
      controller.setPresence(nextPresence(agent.presence)).catch(failed('Changing the status'));
    },
    openPalette: () => useOverlayStore.getState().show('palette'),
    showShortcuts: () => useOverlayStore.getState().show('sheet'),
  };
}
