import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TicketDraft } from '../../../../shared/contract';
import type { TeamMember } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useTeamStore } from '../../stores/team-store';
import { MentionPicker } from '../composer/MentionPicker';
import { insertMention, mentionedIds, mentionQueryAt, moveChoice, ticketMentionChoices, type MentionQuery } from '../composer/mention-logic';
import { isSendKey } from '../composer/send-key';

const DRAFT_SAVE_MS = 400;

/**
 * Writes on a ticket: an internal comment (the default; "@" mentions a colleague) or a public reply
 * that reaches the customer on their channel. The text is kept as a draft while typing; a comment
 * that cannot be sent stays in the box with the reason, and one written offline waits in the outbox.
 */
export function TicketCommentBox({ ticketId, draft }: { ticketId: string; draft: TicketDraft | null }) {
  const t = useT();
  const controller = useTickets();
  const me = useSessionStore((s) => s.session?.user?.id ?? null);
  const agents = useTeamStore((s) => s.agents);
  const [text, setText] = useState(draft?.body ?? '');
  const [isPublic, setPublic] = useState(draft?.public ?? false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(draft?.reason ?? null);
  const [queued, setQueued] = useState(false);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const ids = { input: useId(), error: useId(), list: useId() };

  // A comment the core returned to the draft (refused while sending from the outbox) comes back here.
  useEffect(() => {
    if (draft?.reason) {
      setText(draft.body);
      setPublic(draft.public);
      setError(draft.reason);
    }
  }, [draft]);

  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );

  const choices = query && !isPublic ? ticketMentionChoices(agents, query.query, me) : [];

  function saveSoon(body: string, publicNow: boolean) {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void controller.saveDraft(ticketId, body, publicNow).catch(() => undefined), DRAFT_SAVE_MS);
  }

  function change(next: string, caret: number) {
    setText(next);
    setQueued(false);
    setQuery(mentionQueryAt(next, caret));
    setActive(0);
    saveSoon(next, isPublic);
  }

  function pick(member: TeamMember) {
    if (!query) return;
    const inserted = insertMention(text, query, member.name);
    setPicked((p) => ({ ...p, [member.id]: member.name }));
    setQuery(null);
    setText(inserted.text);
    saveSoon(inserted.text, isPublic);
    requestAnimationFrame(() => textareaRef.current?.setSelectionRange(inserted.caret, inserted.caret));
  }

  async function send() {
    const body = text.trim();
    if (!body || sending) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    setSending(true);
    setError(null);
    try {
      const item = await controller.comment({ ticketId, body, public: isPublic, ...(isPublic ? {} : { mentions: mentionedIds(text, picked) }) });
      setText('');
      setPicked({});
      setQueued(item.delivery !== 'sent');
    } catch (err) {
      // The text stays where it was typed, with the reason; the core kept it as the draft too.
      setError(toAppError(err).toJSON());
      void controller.saveDraft(ticketId, text, isPublic).catch(() => undefined);
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (choices.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => moveChoice(i, event.key === 'ArrowDown' ? 1 : -1, choices.length));
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const member = choices[active];
        if (member) pick(member);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (isSendKey(event.nativeEvent) && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  function setMode(next: boolean) {
    setPublic(next);
    saveSoon(text, next);
  }

  return (
    <div className="ticket-comment" data-testid="ticket-comment" data-public={isPublic}>
      <div className="composer-modes" role="group" aria-label={t('tickets.comment.modeLabel')}>
        <button type="button" className="composer-mode" data-testid="ticket-comment-internal" aria-pressed={!isPublic} onClick={() => setMode(false)}>
          {t('tickets.comment.internal')}
        </button>
        <button type="button" className="composer-mode" data-testid="ticket-comment-public" aria-pressed={isPublic} onClick={() => setMode(true)}>
          {t('tickets.comment.public')}
        </button>
      </div>
      <label className="visually-hidden" htmlFor={ids.input}>
        {isPublic ? t('tickets.comment.public') : t('tickets.comment.internal')}
      </label>
      <textarea
        id={ids.input}
        ref={textareaRef}
        value={text}
        rows={3}
        placeholder={isPublic ? t('tickets.comment.placeholderPublic') : t('tickets.comment.placeholderInternal')}
        aria-describedby={error ? ids.error : undefined}
        aria-controls={choices.length > 0 ? ids.list : undefined}
        onChange={(e) => change(e.target.value, e.target.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {query && !isPublic && (
        <MentionPicker
          id={ids.list}
          query={query.query}
          choices={choices}
          active={active}
          loading={false}
          optionId={(i) => `${ids.list}-${i}`}
          onPick={pick}
          onHover={setActive}
        />
      )}
      {error && (
        <p id={ids.error} className="ticket-comment-error" role="alert">
          {t('tickets.comment.failed', { reason: describeError(t, error) })}
        </p>
      )}
      {queued && (
        <p className="ticket-comment-queued" role="status">
          {t('tickets.comment.queued')}
        </p>
      )}
      <button type="button" className="button button-primary" data-testid="ticket-comment-send" disabled={sending || text.trim().length === 0} onClick={() => void send()}>
        {sending ? t('tickets.comment.sending') : t('tickets.comment.send')}
      </button>
    </div>
  );
}
