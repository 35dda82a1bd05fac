import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_CONTACT_NOTE_LENGTH, type ContactNote } from '../../../../shared/contact-profile';
import { useProfile } from '../../app/profile-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useAttempt } from '../common/use-attempt';

/** Notes the team keeps on the customer, newest first, and a box to add one (Ctrl/⌘+Enter adds it). */
export function ProfileNotes({ notes, contactId }: { notes: readonly ContactNote[]; contactId: string }) {
  const t = useT();
  const language = useLanguage();
  const controller = useProfile();
  const inputId = useId();
  const [text, setText] = useState('');
  const { busy, error, run } = useAttempt();

  async function add() {
    const body = text.trim();
    if (!body || busy) return;
    // On failure the note stays in the box, with the reason.
    await run(async () => {
      await controller.addNote(contactId, body);
      setText('');
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void add();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void add();
    }
  }

  return (
    <section className="profile-section" aria-labelledby="profile-notes-title" data-testid="profile-notes">
      <h3 className="profile-section-title" id="profile-notes-title">
        {t('profile.notes')}
      </h3>
      <form className="profile-note-form" onSubmit={onSubmit}>
        <label className="visually-hidden" htmlFor={inputId}>
          {t('profile.noteInput')}
        </label>
        <textarea
          id={inputId}
          className="profile-input profile-note-input"
          rows={2}
          maxLength={MAX_CONTACT_NOTE_LENGTH}
          placeholder={t('profile.noteInput')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button-small button-quiet" disabled={busy || text.trim() === ''}>
          {busy ? t('profile.noteAdding') : t('profile.noteAdd')}
        </button>
      </form>
      {error ? (
        <p className="profile-inline-error" role="alert">
          {t('profile.noteFailed', { reason: describeError(t, error) })}
        </p>
      ) : null}
      {notes.length === 0 ? (
        <p className="profile-muted">{t('profile.notesNone')}</p>
      ) : (
        <ul className="profile-list">
          {notes.map((note) => (
            <li key={note.id} className="profile-note">
              <p className="profile-note-body">{note.body}</p>
              <p className="profile-muted">
                {note.authorName ?? t('profile.someone')} · <time dateTime={note.createdAt}>{formatFull(note.createdAt, language)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
