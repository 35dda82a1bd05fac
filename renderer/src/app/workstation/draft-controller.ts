import type { Draft } from '../../../../shared/contract';
import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import { mergeIncomingDraft } from '../../stores/drafts-logic';
import { createDraftSaver, DRAFT_SAVE_DELAY_MS, type DraftSaver } from '../draft-saver';
import type { PartContext } from './part-context';

/** The composer's text per conversation: read from the core, saved as the agent types. */
export interface DraftController {
  /** Reads the saved draft into the composer, keeping anything typed that is not saved yet. */
  loadDraft(conversationId: string): Promise<void>;
  /** The agent typed: the composer shows it now, and it is saved after a short pause. */
  changeDraft(conversationId: string, text: string): void;
  /** Saves what the agent typed in this conversation now (blur, switching away). */
  flushDraft(conversationId: string): Promise<void>;
  /** Saves every conversation's pending typing now (the page is going away). */
  flushAllDrafts(): Promise<void>;
}

export interface DraftPart {
  api: DraftController;
  saver: DraftSaver;
  /**
   * Puts a draft the core reports into the composer. Typing the core has not stored yet is merged
   * in (see mergeIncomingDraft) and saved right away, so nothing typed is lost.
   */
  applyDraft(conversationId: string, draft: Draft | null): void;
  /** After a reply went into the outbox: the core deleted the draft; keep only what was typed since. */
  afterSent(conversationId: string, sentText: string): void;
  handlers: EventHandlers<'draft.updated'>;
}

export interface DraftPartOptions extends PartContext<'drafts'> {
  draftSaveDelayMs?: number;
  draftRetryDelayMs?: number;
  /** Told what the agent has in the composer now, for colleagues (and, as a flag, the customer) to see them typing. */
  typed(conversationId: string, text: string, toCustomer?: boolean): void;
}

export function createDraftPart(options: DraftPartOptions): DraftPart {
  const { call, stores, report, timers, typed } = options;
  const drafts = () => stores.drafts.getState();

  const saver = createDraftSaver({
    save: async (conversationId, body) => {
      await call('drafts.save', { conversationId, body });
    },
    delayMs: options.draftSaveDelayMs ?? DRAFT_SAVE_DELAY_MS,
    ...(options.draftRetryDelayMs !== undefined ? { retryDelayMs: options.draftRetryDelayMs } : {}),
    ...(timers ? { timers } : {}),
    onSaved: (conversationId) => {
      if (drafts().byConversation[conversationId]?.saveError) drafts().setSaveError(conversationId, null);
    },
    onError: (conversationId, err) => {
      const error = toAppError(err);
      report(`drafts.save failed for ${conversationId}: ${error.message}`);
      drafts().setSaveError(conversationId, error.toJSON());
    },
  });

  function applyDraft(conversationId: string, draft: Draft | null): void {
    const incoming = draft?.body ?? '';
    const text = mergeIncomingDraft(incoming, saver.unsaved(conversationId));
    drafts().applyDraft(conversationId, text, draft?.reason ?? null);
    saver.known(conversationId, incoming);
    if (text !== incoming) {
      saver.change(conversationId, text);
      void saver.flush(conversationId);
    }
  }

  function afterSent(conversationId: string, sentText: string): void {
    drafts().clearSent(conversationId, sentText);
    drafts().setReason(conversationId, null);
    saver.known(conversationId, '');
    const rest = drafts().byConversation[conversationId]?.text ?? '';
    if (rest !== '') saver.change(conversationId, rest);
    typed(conversationId, rest, true);
  }

  const api: DraftController = {
    async loadDraft(conversationId) {
      try {
        const draft = await call('drafts.get', { conversationId });
        applyDraft(conversationId, draft);
      } catch (err) {
        // The composer keeps working with what it holds; typing is still saved.
        report(`drafts.get failed for ${conversationId}: ${toAppError(err).message}`);
        drafts().markLoaded(conversationId);
      }
    },

    changeDraft(conversationId, text) {
      const store = drafts();
      store.setText(conversationId, text);
      if (store.byConversation[conversationId]?.error) store.setError(conversationId, null);
      saver.change(conversationId, text);
      typed(conversationId, text, true);
    },

    flushDraft: (conversationId) => saver.flush(conversationId),

    flushAllDrafts: () => saver.flushAll(),
  };

  return {
    api,
    saver,
    applyDraft,
    afterSent,
    handlers: { 'draft.updated': ({ conversationId, draft }) => applyDraft(conversationId, draft) },
  };
}
