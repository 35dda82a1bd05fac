import { useLayoutEffect, useRef, useState } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { contactNameText, describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { canActOn, offerAudience } from '../../stores/inbox-logic';
import { useInboxStore } from '../../stores/inbox-store';
import { emptyThread, useThreadStore } from '../../stores/thread-store';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { OfferActions, OfferCountdown, OfferedToOther } from '../inbox/OfferActions';
import { RoutingBadges } from '../inbox/RoutingBadges';
import { useSessionStore } from '../../stores/session-store';
import { useUiRequest } from '../shortcuts/ui-requests';
import { TransferDialog } from '../transfer/TransferDialog';
import { canTransfer } from '../transfer/transfer-logic';
import { MessageItem } from './MessageItem';
import { useCreateTicketStore } from '../tickets/create-ticket-store';
import { PickingBar } from '../tickets/PickingBar';
import { CustomerTypingLine, OthersHereLine, TypingPreviews } from './ThreadActivity';
import { useConversationTagsStore } from '../../stores/conversation-tags-store';
import { ConversationTagList } from './ConversationTagList';
import { ResolveDialog } from './ResolveDialog';
import { resolveAsks } from './resolve-picker-logic';

/** How close to the bottom (px) still counts as "reading the latest". */
const STICK_THRESHOLD = 48;

/** The open conversation: its header and its messages, kept scrolled to the latest. */
export function ThreadView() {
  const t = useT();
  const selectedId = useInboxStore((s) => s.selectedId);
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));

  if (!selectedId || !conversation) {
    return (
      <section className="thread thread-empty" aria-label={t('thread.label')}>
        <p className="pane-empty">{t('thread.nothingSelected')}</p>
      </section>
    );
  }
  return <OpenThread conversation={conversation} />;
}

function OpenThread({ conversation }: { conversation: InboxConversation }) {
  const t = useT();
  const controller = useController();
  const thread = useThreadStore((s) => s.byConversation[conversation.id] ?? emptyThread);
  const picking = useCreateTicketStore((s) => s.picking && s.conversationId === conversation.id);
  const picked = useCreateTicketStore((s) => s.picked);
  const togglePicked = useCreateTicketStore((s) => s.togglePicked);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const switched = lastConversation.current !== conversation.id;
    lastConversation.current = conversation.id;
    const lastDelivery = thread.messages.at(-1)?.delivery;
    const lastIsMine = lastDelivery === 'sending' || lastDelivery === 'queued';
    if (switched || stickToBottom.current || lastIsMine) {
      el.scrollTop = el.scrollHeight;
      stickToBottom.current = true;
    }
  }, [conversation.id, thread.messages]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
  }

  return (
    <section className="thread" aria-labelledby="thread-title">
      <ThreadHeader conversation={conversation} />
      {picking && <PickingBar />}

      <div className="thread-scroll" ref={scrollRef} onScroll={onScroll}>
        {thread.status === 'failed' && thread.error && (
          <div className="pane-notice" role="alert">
            <p>{t('thread.loadFailed', { reason: describeError(t, thread.error) })}</p>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void controller.loadMessages(conversation.id)}
            >
              {t('common.retry')}
            </button>
          </div>
        )}
        {thread.status === 'loading' && thread.messages.length === 0 && (
          <p className="pane-empty" role="status">
            {t('thread.loading')}
          </p>
        )}
        {thread.status === 'ready' && thread.messages.length === 0 && <p className="pane-empty">{t('thread.empty')}</p>}
        <div role="log" aria-label={t('thread.messagesLabel')}>
          <ol className="message-list">
            {thread.messages.map((message) => (
              <MessageItem
                key={message.clientId ?? message.id}
                message={message}
                canSend={canActOn(conversation)}
                // Only messages the server stored can go into a ticket's excerpt.
                pick={picking && message.delivery === 'sent' ? { checked: picked.includes(message.id), toggle: () => togglePicked(message.id) } : undefined}
              />
            ))}
          </ol>
        </div>
      </div>
      <CustomerTypingLine conversationId={conversation.id} />
      <TypingPreviews conversationId={conversation.id} />
    </section>
  );
}

function ThreadHeader({ conversation }: { conversation: InboxConversation }) {
  const t = useT();
  const controller = useController();
  const me = useInboxStore((s) => s.me);
  const role = useSessionStore((s) => s.session?.user?.role ?? null);
  const offer = offerAudience(conversation, me);
  const transferButton = useRef<HTMLButtonElement>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferredTo, setTransferredTo] = useState<{ conversationId: string; name: string } | null>(null);
  const [resolving, setResolving] = useState(false);
  const [picker, setPicker] = useState<{ conversationId: string; mode: 'resolve' | 'edit' } | null>(null);
  const pickerButton = useRef<HTMLButtonElement | null>(null);
  const tagCatalog = useConversationTagsStore();
  const mayEditTags = conversation.access === 'full' && conversation.status === 'resolved' && (conversation.assigneeId === me || role === 'supervisor' || role === 'admin')
    && tagCatalog.tags.some((tag) => !tag.archived && tag.kind !== 'other');
  const [error, setError] = useState<{ conversationId: string; error: AppErrorShape } | null>(null);
  // An error belongs to the conversation it happened in; switching away hides it.
  const shownError = error?.conversationId === conversation.id ? error.error : null;

  async function resolve() {
    const conversationId = conversation.id;
    setError(null);
    // With tags to choose (or an outcome required) the picker asks first.
    if (resolveAsks(tagCatalog.tags, tagCatalog.settings)) {
      setPicker({ conversationId, mode: 'resolve' });
      return;
    }
    setResolving(true);
    try {
      await controller.resolve(conversationId);
    } catch (err) {
      const shape = toAppError(err).toJSON();
      if (shape.code === 'outcome_required') setPicker({ conversationId, mode: 'resolve' });
      else setError({ conversationId, error: shape });
    } finally {
      setResolving(false);
    }
  }

  // The resolve and transfer shortcuts do what the buttons do, when the buttons are there.
  useUiRequest('resolve', () => {
    if (canActOn(conversation) && !resolving) {
      pickerButton.current?.focus();
      void resolve();
    }
  });
  useUiRequest('transfer', () => {
    if (!canTransfer(conversation, me, role)) return;
    transferButton.current?.focus();
    setTransferredTo(null);
    setTransferOpen(true);
  });

  return (
    <header className="thread-header" data-access={conversation.access}>
      <div className="thread-title-row">
        <h2 id="thread-title" className="thread-title" tabIndex={-1}>
          {contactNameText(t, conversation.contactName, conversation.contactNameGenerated)}
        </h2>
        <ChannelBadge kind={conversation.channelKind} />
        {conversation.status === 'resolved' && (
          <span className="status-badge" data-testid="resolved-badge">
            {t('status.resolved')}
          </span>
        )}
        <RoutingBadges conversation={conversation} />
        <span className="thread-header-spacer" />
        {canTransfer(conversation, me, role) && (
          <button
            ref={transferButton}
            type="button"
            className="button button-quiet"
            data-testid="transfer-button"
            aria-haspopup="dialog"
            onClick={() => {
              setTransferredTo(null);
              setTransferOpen(true);
            }}
          >
            {t('thread.transfer')}
          </button>
        )}
        {canActOn(conversation) && (
          <button
            ref={pickerButton}
            type="button"
            className="button button-quiet"
            data-testid="resolve-button"
            aria-haspopup={resolveAsks(tagCatalog.tags, tagCatalog.settings) ? 'dialog' : undefined}
            disabled={resolving}
            onClick={() => void resolve()}
          >
            {resolving ? t('thread.resolving') : t('thread.resolve')}
          </button>
        )}
        {mayEditTags && (
          <button
            ref={pickerButton}
            type="button"
            className="button button-quiet"
            data-testid="edit-tags-button"
            aria-haspopup="dialog"
            onClick={() => setPicker({ conversationId: conversation.id, mode: 'edit' })}
          >
            {t('resolvePicker.edit')}
          </button>
        )}
      </div>
      <ConversationTagList tagIds={conversation.tagIds} />
      {offer === 'me' ? (
        <div className="thread-offer" data-testid="thread-offer">
          <span className="offer-label">{t('offer.forYou')}</span>
          <OfferCountdown expiresAt={conversation.offerExpiresAt} />
          <OfferActions conversation={conversation} />
        </div>
      ) : conversation.access === 'lost' && (conversation.assigneeId === null || conversation.assigneeId === me) ? null /* the new owner is not known yet: the notice below says it is no longer theirs */ : (
        <p className="thread-assignee">
          {offer === 'other' ? (
            <OfferedToOther conversation={conversation} />
          ) : conversation.assigneeName ? (
            t('thread.assignedTo', { name: conversation.assigneeName })
          ) : (
            t('thread.unassigned')
          )}
        </p>
      )}
      <OthersHereLine conversationId={conversation.id} />
      {conversation.summary && (
        <p className="thread-summary" data-testid="conversation-summary">
          {t('thread.summary', { summary: conversation.summary })}
        </p>
      )}
      {transferredTo?.conversationId === conversation.id && (
        <p className="thread-notice" role="status" data-testid="transfer-done">
          {t('thread.transferred', { name: transferredTo.name })}
        </p>
      )}
      {conversation.access === 'lost' && (
        <p className="thread-lost" role="status">
          {t('thread.lost')}
        </p>
      )}
      {shownError && (
        <p className="thread-error" role="alert" title={shownError.message}>
          {t('thread.resolveFailed', { reason: describeError(t, shownError) })}
        </p>
      )}
      {picker?.conversationId === conversation.id && (
        <ResolveDialog
          conversation={conversation}
          mode={picker.mode}
          onClose={() => {
            setPicker(null);
            requestAnimationFrame(() => (pickerButton.current?.isConnected ? pickerButton.current : document.getElementById('thread-title'))?.focus());
          }}
        />
      )}
      {transferOpen && (
        <TransferDialog
          conversation={conversation}
          onClose={(done: string | null) => {
            setTransferOpen(false);
            if (done !== null && done !== '') setTransferredTo({ conversationId: conversation.id, name: done });
            // Focus goes back where it came from, or to the thread when the button is gone.
            requestAnimationFrame(() => (transferButton.current ?? document.getElementById('thread-title'))?.focus());
          }}
        />
      )}
    </header>
  );
}
