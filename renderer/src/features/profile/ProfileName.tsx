import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_CONTACT_NAME_LENGTH } from '../../../../shared/contact-profile';
import type { Contact } from '../../../../shared/domain';
import { useProfile } from '../../app/profile-context';
import { contactNameText, describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useAttempt } from '../common/use-attempt';

/**
 * The customer's name, renamed in place: "Rename" opens a box with the name, Enter saves, Esc
 * cancels. On failure the box stays open with the typed name and the reason. A name the system
 * made up is marked as such.
 */
export function ProfileName({ contact }: { contact: Pick<Contact, 'id' | 'name' | 'nameGenerated'> }) {
  const t = useT();
  const controller = useProfile();
  const inputId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, error, run } = useAttempt();
  const renameButton = useRef<HTMLButtonElement>(null);

  function close() {
    setEditing(null);
    // Focus goes back where the edit started.
    queueMicrotask(() => renameButton.current?.focus());
  }

  async function save() {
    if (editing === null || busy) return;
    const name = editing.trim();
    if (name === contact.name && !contact.nameGenerated) return close();
    await run(async () => {
      await controller.rename(contact.id, name);
      close();
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  if (editing === null) {
    return (
      <div className="profile-name-row">
        <p className="profile-name" data-testid="profile-name" data-generated={contact.nameGenerated ? 'true' : undefined}>
          {contactNameText(t, contact.name, contact.nameGenerated)}
        </p>
        {contact.nameGenerated ? <span className="profile-muted">{t('profile.nameGenerated')}</span> : null}
        <button
          ref={renameButton}
          type="button"
          className="button button-small button-quiet"
          data-testid="profile-rename"
          onClick={() => setEditing(contact.nameGenerated ? '' : contact.name)}
        >
          {t('profile.rename')}
        </button>
      </div>
    );
  }

  return (
    <form className="profile-name-form" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor={inputId}>
        {t('profile.renameLabel')}
      </label>
      <input
        id={inputId}
        className="profile-input"
        data-testid="profile-name-input"
        autoFocus
        maxLength={MAX_CONTACT_NAME_LENGTH}
        value={editing}
        placeholder={t('profile.renameLabel')}
        title={t('profile.renameHint')}
        aria-invalid={error ? 'true' : undefined}
        disabled={busy}
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="profile-muted">{busy ? t('profile.renameSaving') : t('profile.renameHint')}</span>
      {error ? (
        <p className="profile-inline-error" role="alert" data-testid="profile-rename-error">
          {t('profile.renameFailed', { reason: describeError(t, error) })}
        </p>
      ) : null}
    </form>
  );
}
