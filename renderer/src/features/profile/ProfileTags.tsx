import { useId, useState, type FormEvent } from 'react';
import type { Contact } from '../../../../shared/domain';
import { contactTagGroups, tagGroupNames, type TagGroupName } from '../../../../shared/tag-groups';
import { useProfile } from '../../app/profile-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useAttempt } from '../common/use-attempt';
import { withoutTag, withTypedTags } from './profile-logic';

/** The customer's tags in their three groups, each editable by anyone who may see the customer. */
export function ProfileTags({ contact, contactId }: { contact: Contact; contactId: string }) {
  const t = useT();
  const groups = contactTagGroups(contact);
  return (
    <section className="profile-section" aria-labelledby="profile-tags-title">
      <h3 className="profile-section-title" id="profile-tags-title">
        {t('profile.tags')}
      </h3>
      {tagGroupNames.map((group) => (
        <TagGroup key={group} group={group} tags={groups[group]} contactId={contactId} />
      ))}
    </section>
  );
}

function TagGroup({ group, tags, contactId }: { group: TagGroupName; tags: readonly string[]; contactId: string }) {
  const t = useT();
  const controller = useProfile();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAttempt();
  const groupName = t(`profile.tagGroup.${group}`);

  async function save(next: string[], onSaved?: () => void) {
    // On failure what was typed stays in the box, with the reason.
    await run(async () => {
      await controller.setTags(contactId, group, next);
      onSaved?.();
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = withTypedTags(tags, typed);
    if (!next) {
      setTyped('');
      return;
    }
    void save(next, () => setTyped(''));
  }

  return (
    <div className="profile-tag-group" data-testid={`profile-tags-${group}`} role="group" aria-label={groupName}>
      <span className="profile-tag-group-name">{groupName}</span>
      <ul className="profile-tags" aria-label={groupName}>
        {tags.length === 0 ? <li className="profile-muted">{t('profile.tagsNone')}</li> : null}
        {tags.map((tag) => (
          <li key={tag} className="tag profile-tag">
            <span>{tag}</span>
            <button
              type="button"
              className="profile-tag-remove"
              aria-label={t('profile.tagRemove', { tag })}
              disabled={busy}
              onClick={() => void save(withoutTag(tags, tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="profile-inline-form" onSubmit={onSubmit}>
        <label className="visually-hidden" htmlFor={inputId}>
          {t('profile.tagInput', { group: groupName })}
        </label>
        <input
          id={inputId}
          className="profile-input"
          type="text"
          autoComplete="off"
          maxLength={200}
          placeholder={t('profile.tagPlaceholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button button-small button-quiet" disabled={busy || typed.trim() === ''}>
          {t('profile.tagAdd')}
        </button>
      </form>
      {error ? (
        <p className="profile-inline-error" role="alert">
          {t('profile.tagsFailed', { reason: describeError(t, error) })}
        </p>
      ) : null}
    </div>
  );
}
