import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { MAX_MESSAGE_LENGTH, type TeamMember } from '../../../../shared/domain';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useInboxStore } from '../../stores/inbox-store';
import { emptyNote, useNotesStore } from '../../stores/notes-store';
import { useTeamStore } from '../../stores/team-store';
import { MentionPicker } from './MentionPicker';
import { insertMention, mentionChoices, mentionedIds, mentionQueryAt, moveChoice, type MentionQuery } from './mention-logic';
import { isSendKey } from './send-key';

interface NoteComposerProps {
  conversation: InboxConversation;
  /** The agent a supervisor whispers to in their conversation, or null for a note between agents. */
  whisperTo: string | null;
  /** Shown at the top of the box (the Reply / Internal note switch). */
  header?: ReactNode;
  /** Offered as "Close" (the watch bar's whisper box). */
  onClose?: () => void;
}

/**
 * Writes an internal note: never sent to the customer, shown only to the team. "@" opens a list of
 * colleagues who can see the conversation; picking one inserts @Name and mentions them. Needs the
 * connection; a refused note keeps its text with the reason.
 */
export function NoteComposer({ conversation, whisperTo, header, onClose }: NoteComposerProps) {
  const t = useT();
  const controller = useController();
  const conversationId = conversation.id;
  const note = useNotesStore((s) => s.byConversation[conversationId] ?? emptyNote);
  const addMention = useNotesStore((s) => s.addMention);
  const me = useInboxStore((s) => s.me);
  const agents = useTeamStore((s) => s.agents);
  const teamStatus = useTeamStore((s) => s.status);
  const offline = useConnectionStore((s) => {
    const status = s.connection?.status;
    return status === 'offline' || status === 'signed_out';
  });
  const ids = { input: useId(), error: useId(), hint: useId(), list: useId() };
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  /** Where a list closed with Esc started, so it does not reopen until a new @ is typed. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  // Colleagues fill the @ list and name whispers; read them once if nobody has yet.
  useEffect(() => {
    if (!offline && teamStatus === 'idle') void controller.loadTeam();
  }, [controller, offline, teamStatus]);

  const pickerOpen = query !== null && query.start !== dismissedAt;
  const choices = pickerOpen ? mentionChoices(agents, query.query, me, conversation) : [];
  const length = note.text.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canAdd = length > 0 && !tooLong && !note.sending && !offline;

  function followCaret(text: string, caret: number) {
    const next = mentionQueryAt(text, caret);
    setQuery(next);
    if (next === null || next.start !== query?.start) setActive(0);
    if (next === null || next.start !== dismissedAt) setDismissedAt(null);
  }

  function pick(member: TeamMember) {
    if (!query) return;
    const { text, caret } = insertMention(note.text, query, member.name);
    controller.changeNote(conversationId, text);
    addMention(conversationId, member.id, member.name);
    setQuery(null);
    requestAnimationFrame(() => {
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(caret, caret);
    });
  }

  function add() {
    if (!canAdd) return;
    setQuery(null);
    void controller
      .addNote(conversationId, note.text, mentionedIds(note.text, note.mentions))
      .then(() => textareaRef.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (pickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => moveChoice(i, event.key === 'ArrowDown' ? 1 : -1, choices.length));
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(query.start);
        return;
      }
      const chosen = choices[active];
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.nativeEvent.isComposing && chosen) {
        event.preventDefault();
        pick(chosen);
        return;
      }
    }
    if (event.key === 'Escape' && onClose) {
      event.preventDefault();
      onClose();
      return;
    }
    if (!isSendKey({ ...event, isComposing: event.nativeEvent.isComposing })) return;
    event.preventDefault();
    add();
  }

  const problem = tooLong
    ? t('note.tooLong', { count: length, max: MAX_MESSAGE_LENGTH })
    : note.error
      ? t('note.failed', { reason: describeError(t, note.error) })
      : null;
  const optionId = (index: number) => `${ids.list}-${index}`;

  return (
    <form
      className="composer composer-note"
      data-testid="note-composer"
      data-whisper={whisperTo !== null ? 'true' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      {header}
      {pickerOpen && (
        <MentionPicker
          id={ids.list}
          query={query.query}
          choices={choices}
          active={active}
          loading={teamStatus === 'loading' || teamStatus === 'idle'}
          optionId={optionId}
          onPick={pick}
          onHover={setActive}
        />
      )}
      <textarea
        id={ids.input}
        ref={textareaRef}
        className="composer-input composer-note-input"
        data-testid="note-input"
        aria-label={whisperTo !== null ? t('note.whisperLabel', { name: whisperTo }) : t('note.label')}
        aria-describedby={[ids.hint, problem ? ids.error : null].filter(Boolean).join(' ')}
        aria-invalid={problem ? true : undefined}
        aria-controls={pickerOpen && choices.length > 0 ? ids.list : undefined}
        aria-activedescendant={pickerOpen && choices[active] ? optionId(active) : undefined}
        aria-autocomplete="list"
        placeholder={
          whisperTo !== null ? t('note.whisperPlaceholder', { name: whisperTo }) : t('note.placeholder')
        }
        rows={3}
        value={note.text}
        onChange={(e) => {
          controller.changeNote(conversationId, e.target.value);
          followCaret(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => followCaret(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-footer">
        <div className="composer-messages">
          <p id={ids.hint} className="composer-hint composer-note-hint">
            {t('note.internalHint')}
          </p>
          {offline && <p className="composer-hint">{t('note.offline')}</p>}
          {problem && (
            <p id={ids.error} className="composer-error" data-testid="note-error" role="alert" title={note.error?.message}>
              {problem}
            </p>
          )}
        </div>
        {onClose && (
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('note.close')}
          </button>
        )}
        <button type="submit" className="button button-note" data-testid="add-note-button" disabled={!canAdd}>
          {note.sending ? t('note.adding') : whisperTo !== null ? t('note.whisper') : t('note.add')}
        </button>
      </div>
    </form>
  );
}
