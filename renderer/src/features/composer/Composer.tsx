import { useSupervision } from '../../app/supervision-context';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { InboxConversation, ThreadMessage } from '../../../../shared/contract';
import { REPLY_WINDOW_HOURS } from '../../../../shared/channels';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { insertAt } from '../../../../shared/emoji';
import { toAppError } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeDraftReason, describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useNow } from '../../lib/use-now';
import { useConnectionStore } from '../../stores/connection-store';
import { withInsertedText } from '../knowledge/knowledge-logic';
import { ReplySuggestions } from './ReplySuggestions';
import { emptyDraft, useDraftsStore } from '../../stores/drafts-store';
import { canActOn } from '../../stores/inbox-logic';
import { useInboxStore } from '../../stores/inbox-store';
import { useJoinedStore } from '../../stores/joined-store';
import { useNotesStore } from '../../stores/notes-store';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';
import { useSessionStore } from '../../stores/session-store';
import { useThreadStore } from '../../stores/thread-store';
import { WatchBar } from '../watch/WatchBar';
import { hasJoined, watchMode } from '../watch/watch-logic';
import { ComposerMenu } from './ComposerMenu';
import { EmojiPicker } from './EmojiPicker';
import { AttachButton, FilePreview } from './FileAttachment';
import { useComposerFile, type ComposerFile } from './use-composer-file';
import { ComposerModeSwitch } from './ComposerModeSwitch';
import { MaskNotice } from './MaskNotice';
import { NoteComposer } from './NoteComposer';
import { composerBlock } from './composer-state';
import { describeReplyWindow, replyWindowNotice, windowRefusal } from './reply-window';
import { blockedRanges, blockedWords, compileForHighlight, highlightParts } from './sensitive-highlight';
import { isSendKey } from './send-key';
import { useReplyMasking } from './use-reply-masking';
import { useQuickReplies } from '../templates/use-quick-replies';

/**
 * The composer area under the thread. In a conversation they may act on, agents switch between a
 * reply to the customer and an internal note. A supervisor reading a colleague's conversation sees
 * the watch bar instead (whisper, join, take over); once joined, the reply box beside the agent.
 */
export function Composer() {
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));
  const me = useInboxStore((s) => s.me);
  const user = useSessionStore((s) => s.session?.user ?? null);
  const joinedHere = useJoinedStore((s) => (conversation ? s.ids[conversation.id] === true : false));
  const joinedByLine = useThreadStore((s) =>
    conversation ? hasJoined(conversation.id, {}, s.byConversation[conversation.id]?.messages ?? [], user?.name ?? null) : false,
  );
  const mode = useNotesStore((s) => (conversation ? s.modes[conversation.id] ?? 'reply' : 'reply'));

  if (!conversation) return <ReplyComposer conversation={null} />;
  const watch = watchMode(conversation, me, user?.role, joinedHere || joinedByLine);
  const agentName = conversation.assigneeName ?? '';

  if (watch === 'watch') {
    return (
      <div className="composer-area" data-watch="watch">
        <WatchBar conversation={conversation} joined={false} />
        {mode === 'note' && (
          <NoteComposer
            conversation={conversation}
            whisperTo={agentName}
            onClose={() => useNotesStore.getState().setMode(conversation.id, 'reply')}
          />
        )}
      </div>
    );
  }

  const canNote = canActOn(conversation);
  const header = canNote ? (
    <div className="composer-header-row">
      <ComposerModeSwitch conversationId={conversation.id} mode={mode} />
      <ComposerMenu conversationId={conversation.id} />
    </div>
  ) : null;
  return (
    <div className="composer-area" data-watch={watch === 'joined' ? 'joined' : undefined}>
      {watch === 'joined' && <WatchBar conversation={conversation} joined />}
      {mode === 'note' && canNote ? (
        <NoteComposer conversation={conversation} whisperTo={watch === 'joined' ? agentName : null} header={header} />
      ) : (
        <ReplyComposer conversation={conversation} header={header} />
      )}
    </div>
  );
}

const noMessages: readonly ThreadMessage[] = [];

/**
 * The reply box. Text lives in the draft store and is saved to the client core as the agent
 * types, so neither a failed send nor a restart loses it. It stays usable offline: replies then
 * wait in the outbox.
 */
function ReplyComposer({ conversation, header }: { conversation: InboxConversation | null; header?: ReactNode }) {
  const t = useT();
  const controller = useController();
  const conversationId = conversation?.id ?? null;
  const draft = useDraftsStore((s) => (conversationId ? s.byConversation[conversationId] ?? emptyDraft : emptyDraft));
  const offline = useConnectionStore((s) => s.connection?.status === 'offline');
  const ids = { hint: useId(), error: useId(), reason: useId(), block: useId(), window: useId(), mask: useId() };
  const messages = useThreadStore((s) => (conversationId ? s.byConversation[conversationId]?.messages ?? noMessages : noMessages));
  // WhatsApp and WeChat take free-form replies only for a while after the customer last wrote.
  const hasWindow = conversation !== null && REPLY_WINDOW_HOURS[conversation.channelKind] !== undefined;
  const now = useNow(60_000, hasWindow);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const quick = useQuickReplies({
    conversation,
    text: draft.text,
    textareaRef,
    setText: (text) => {
      if (conversationId) controller.changeDraft(conversationId, text);
    },
  });
  // A reply holding placeholders cannot be sent; the agent who tries is told why, loudly.
  const [triedUnfilled, setTriedUnfilled] = useState(false);
  // A file belongs to the conversation it was attached in, and waits there while the agent looks elsewhere.
  const attached = useComposerFile(conversationId, conversation?.channelKind ?? null);
  const [fileSending, setFileSending] = useState(false);
  const caretAfterInsert = useRef<number | null>(null);
  // An inserted emoji leaves the caret just after it.
  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret === null || !textareaRef.current) return;
    caretAfterInsert.current = null;
    textareaRef.current.focus();
    textareaRef.current.setSelectionRange(caret, caret);
  }, [draft.text]);

  // Switching to another conversation saves what was typed in this one at once.
  useEffect(() => {
    if (!conversationId) return;
    return () => void controller.flushDraft(conversationId);
  }, [controller, conversationId]);

  const disabled = conversationId === null;
  const block = conversation ? composerBlock(conversation) : null;
  const length = draft.text.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend =
    !disabled && block === null && (length > 0 || attached.file !== null) && !tooLong && !draft.sending && !fileSending && quick.unfilled.length === 0;
  // What will be masked is said while typing; Send then asks once for this very text.
  const masking = useReplyMasking(!disabled && block === null, draft.text);
  const [confirming, setConfirming] = useState<{ conversationId: string; text: string } | null>(null);
  const askingToMask =
    masking.items.length > 0 && confirming !== null && confirming.conversationId === conversationId && confirming.text === draft.text;

  function send(maskConfirmed = false) {
    if (quick.unfilled.length > 0) setTriedUnfilled(true);
    if (!conversationId || !canSend) return;
    // A reply with a blocked word is refused anyway: the refusal says why, no question first.
    if (masking.items.length > 0 && !masking.blocked && !maskConfirmed) {
      setConfirming({ conversationId, text: draft.text });
      return;
    }
    setConfirming(null);
    if (attached.file) {
      void sendFile(conversationId, attached.file);
      return;
    }
    void controller.send(conversationId, draft.text).then(() => textareaRef.current?.focus());
  }

  /** Sent at once online; offline it waits in the outbox like text. Refused, the file and the text stay. */
  async function sendFile(id: string, file: ComposerFile) {
    setFileSending(true);
    attached.setError(id, null);
    try {
      await controller.sendFile(id, file, draft.text);
      attached.remove(id);
      textareaRef.current?.focus();
    } catch (err) {
      attached.setError(id, toAppError(err).toJSON());
    } finally {
      setFileSending(false);
    }
  }

  function insertEmoji(emoji: string) {
    if (!conversationId) return;
    const box = textareaRef.current;
    const end = draft.text.length;
    const next = insertAt(draft.text, box?.selectionStart ?? end, box?.selectionEnd ?? end, emoji);
    caretAfterInsert.current = next.caret;
    controller.changeDraft(conversationId, next.text);
  }

  const fileProblem = attached.error
    ? attached.error.code === 'attachment_too_large' || attached.error.code === 'attachment_type_refused'
      ? describeError(t, attached.error)
      : t('composer.fileFailed', { reason: describeError(t, attached.error) })
    : null;
  const canAttach = !disabled && block === null && !fileSending;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (quick.onKeyDown(event)) return;
    if (!isSendKey({ ...event, isComposing: event.nativeEvent.isComposing })) return;
    event.preventDefault();
    send();
  }

  const sensitive = useSensitiveHighlight(
    conversationId,
    draft.text,
    draft.error?.code === 'sensitive_blocked' ? draft.error.details?.words : null,
  );

  const problem = tooLong
    ? t('composer.tooLong', { count: length, max: MAX_MESSAGE_LENGTH })
    : draft.error && block === null
      ? // The sensitive-word sentence already says the reply was kept and what to do.
        draft.error.code === 'sensitive_blocked'
        ? describeError(t, draft.error)
        : t('composer.failed', { reason: describeError(t, draft.error) })
      : null;
  const blockText =
    block === 'resolved' ? t('composer.blockedResolved') : block === 'lost' ? t('composer.blockedLost') : null;
  const windowNotice = conversation && block === null ? replyWindowNotice(conversation, messages, draft.reason, now) : null;
  // A reply refused for the window comes back with that reason: the window notice says it.
  const showReason = draft.reason !== null && !disabled && windowRefusal(draft.reason) === null;
  const describedBy = [
    disabled ? ids.hint : null,
    showReason ? ids.reason : null,
    windowNotice ? ids.window : null,
    masking.items.length > 0 ? ids.mask : null,
    blockText ? ids.block : null,
    problem ? ids.error : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <form
        className="composer"
        data-blocked={block ?? undefined}
        onDragOver={(e) => {
          if (canAttach && e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          if (!canAttach || !file) return;
          e.preventDefault();
          attached.pick(file);
        }}
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        {header}
        {showReason && draft.reason && (
          <p id={ids.reason} className="composer-notice" data-testid="draft-reason" role="status">
            {describeDraftReason(t, draft.reason)}
          </p>
        )}
        {windowNotice && (
          <p
            id={ids.window}
            className="composer-notice composer-window-notice"
            data-testid="composer-window-notice"
            data-state={windowNotice.state}
            role={windowNotice.state === 'refused' ? 'alert' : 'status'}
            title={windowNotice.state === 'refused' ? draft.reason?.message : undefined}
          >
            {describeReplyWindow(t, windowNotice)}
          </p>
        )}
        <MaskNotice
          id={ids.mask}
          items={masking.items}
          asking={askingToMask}
          onConfirm={() => send(true)}
          onEdit={() => {
            setConfirming(null);
            textareaRef.current?.focus();
          }}
        />
        {quick.picker}
        {conversationId && block === null && (
          <ReplySuggestions
            // A new conversation starts afresh: an answer asked for another one never lands here.
            key={conversationId}
            conversationId={conversationId}
            disabled={offline}
            onInsert={(text) => controller.changeDraft(conversationId, withInsertedText(draft.text, text))}
          />
        )}
        {attached.file && <FilePreview file={attached.file} disabled={fileSending} onRemove={() => attached.remove()} />}
        <textarea
          ref={textareaRef}
          {...quick.textboxProps}
          className="composer-input"
          aria-label={t('composer.label')}
          aria-describedby={describedBy || undefined}
          aria-invalid={problem ? true : undefined}
          placeholder={disabled ? undefined : t('composer.placeholder')}
          rows={3}
          disabled={disabled}
          value={draft.text}
          onChange={(e) => {
            if (conversationId) controller.changeDraft(conversationId, e.target.value);
            quick.onInput(e.target.value, e.target.selectionStart);
            if (triedUnfilled) setTriedUnfilled(false);
          }}
          onSelect={(e) => quick.onInput(e.currentTarget.value, e.currentTarget.selectionStart)}
          onBlur={() => {
            if (conversationId) void controller.flushDraft(conversationId);
            quick.onBlur();
          }}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const image = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
            if (!canAttach || !image) return;
            e.preventDefault();
            attached.pick(image);
          }}
        />
        <div className="composer-footer">
          <div className="composer-messages">
            {disabled && (
              <p id={ids.hint} className="composer-hint">
                {t('composer.noConversation')}
              </p>
            )}
            {blockText && (
              <p id={ids.block} className="composer-hint composer-blocked" data-testid="composer-blocked">
                {blockText}
              </p>
            )}
            {!disabled && block === null && offline && <p className="composer-hint">{t('composer.offline')}</p>}
            {problem && (
              <p
                id={ids.error}
                className="composer-error"
                data-testid="composer-error"
                role="alert"
                title={draft.error?.message}
              >
                {problem}
              </p>
            )}
            {sensitive.length > 0 && (
              <p className="composer-sensitive" data-testid="sensitive-highlight">
                <span className="composer-sensitive-label">{t('notice.sensitiveInText')} </span>
                {sensitive.map((part, i) =>
                  part.kind === 'match' ? (
                    <mark key={i} className="sensitive-mark">
                      {part.text}
                    </mark>
                  ) : (
                    <span key={i} className={part.kind === 'gap' ? 'sensitive-gap' : undefined}>
                      {part.text}
                    </span>
                  ),
                )}
              </p>
            )}
            {fileProblem && (
              <p className="composer-error" data-testid="composer-file-error" role="alert" title={attached.error?.message}>
                {fileProblem}
              </p>
            )}
            {draft.saveError && (
              <p className="composer-error" role="alert" title={draft.saveError.message}>
                {t('composer.saveFailed', { reason: describeError(t, draft.saveError) })}
              </p>
            )}
            {!disabled && quick.notice}
            {triedUnfilled && quick.unfilled.length > 0 && (
              <p className="composer-error" data-testid="quick-blocked-send" role="alert">
                {t('quick.blockedSend', { names: [...new Set(quick.unfilled.map((p) => p.name))].join(', ') })}
              </p>
            )}
          </div>
          {!disabled && quick.manageButton}
          <EmojiPicker disabled={disabled || block !== null} onPick={insertEmoji} />
          <AttachButton disabled={!canAttach} onPick={attached.pick} />
          <button type="submit" className="button button-primary" data-testid="send-button" disabled={!canSend}>
            {draft.sending || fileSending ? t('composer.sending') : t('composer.send')}
          </button>
        </div>
      </form>
      {quick.manager}
    </>
  );
}

/**
 * After a reply was refused for sensitive words: the words in the text, highlighted, shortened
 * around them. It follows the text while the agent edits (the list is loaded once for it) and
 * goes away once none is left.
 */
function useSensitiveHighlight(conversationId: string | null, text: string, refusedWords: string | null | undefined) {
  const list = useSensitiveWordsStore((s) => s.words);
  const listSettled = useSensitiveWordsStore((s) => s.status === 'ready' || s.status === 'failed');
  // Typing clears the refusal from the draft; the words it named are remembered until they are gone.
  const [refusal, setRefusal] = useState<{ conversationId: string; words: string[] } | null>(null);
  useEffect(() => {
    const words = blockedWords(refusedWords);
    if (conversationId && words.length > 0) setRefusal({ conversationId, words });
  }, [conversationId, refusedWords]);
  const words = refusal && refusal.conversationId === conversationId ? refusal.words : null;
  const supervision = useSupervision();
  const listStatus = useSensitiveWordsStore((s) => s.status);
  useEffect(() => {
    if (words && listStatus === 'idle') void supervision.loadSensitiveWords();
  }, [supervision, words, listStatus]);
  const compiled = useMemo(() => compileForHighlight(list), [list]);
  const parts = useMemo(() => (words ? highlightParts(text, blockedRanges(text, compiled, words)) : []), [words, text, compiled]);
  // Gone only once the list could say so: before it arrives, words written apart ("微 信") are not found.
  useEffect(() => {
    if (words && parts.length === 0 && listSettled) setRefusal(null);
  }, [words, parts.length, listSettled]);
  return parts;
}
