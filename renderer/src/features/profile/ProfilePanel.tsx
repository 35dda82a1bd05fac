import { useMemo } from 'react';
import { useProfile } from '../../app/profile-context';
import { contactNameText, describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useInboxStore } from '../../stores/inbox-store';
import { ProfileConversations } from './ProfileConversations';
import { ProfileHeader } from './ProfileHeader';
import { ProfileIdentities } from './ProfileIdentities';
import { ProfileNotes } from './ProfileNotes';
import { ProfileOrders } from './ProfileOrders';
import { ProfileTags } from './ProfileTags';
import { applyReveals, revealedFields } from './profile-logic';
import { useProfileStore } from './profile-store';

/**
 * The customer beside the thread (a tab of the side pane): who they are on every channel, VIP
 * level, tags by group, orders and lifetime spend, notes, and their conversations on every channel.
 * Offline it shows the last profile loaded, marked as such; phones, emails and addresses arrive
 * masked for agents, who may reveal one for the conversation they have open.
 */
export function ProfilePanel() {
  const t = useT();
  const language = useLanguage();
  const controller = useProfile();
  const conversation = useInboxStore((s) => (s.selectedId ? (s.byId[s.selectedId] ?? null) : null));
  const contactId = conversation?.contactId ?? null;
  const entry = useProfileStore((s) => (contactId ? s.byContact[contactId] : undefined));
  const reveals = useProfileStore((s) => (conversation && s.reveals?.conversationId === conversation.id ? s.reveals.items : null));
  const profile = useMemo(() => (entry?.profile ? applyReveals(entry.profile, reveals ?? []) : null), [entry?.profile, reveals]);

  if (!conversation || !contactId) {
    return (
      <div className="profile-panel">
        <p className="pane-empty">{t('profile.nothingSelected')}</p>
      </div>
    );
  }
  if (!profile && conversation.access === 'lost') {
    // Nothing was loaded while it was ours, and the server would refuse it now.
    return (
      <div className="profile-panel">
        <p className="pane-empty" role="status">
          {t('profile.notYours')}
        </p>
      </div>
    );
  }
  if (!profile) {
    return (
      <div className="profile-panel" aria-busy={entry?.status !== 'failed'}>
        <div className="profile-body">
          <p className="profile-name">{contactNameText(t, conversation.contactName, conversation.contactNameGenerated)}</p>
          {entry?.status === 'failed' ? (
            <div className="profile-problem" role="alert">
              <p>{t('profile.loadFailed', { reason: describeError(t, entry.error) })}</p>
              <button type="button" className="button button-small button-quiet" onClick={() => void controller.load(contactId)}>
                {t('common.retry')}
              </button>
            </div>
          ) : (
            <p className="profile-muted">{t('profile.loading')}</p>
          )}
        </div>
      </div>
    );
  }

  const revealed = revealedFields(reveals ?? [], profile.contact.id);
  const context = { contactId, conversationId: conversation.id, masked: profile.masked, revealed };
  return (
    <div className="profile-panel" data-testid="profile-panel" aria-busy={entry?.status === 'loading'}>
      <div className="profile-body">
        {entry?.stale && entry.savedAt ? (
          <p className="profile-stale" role="status" data-testid="profile-stale">
            {t('profile.stale', { time: formatFull(entry.savedAt, language) })}
          </p>
        ) : null}
        {entry?.status === 'failed' ? (
          <p className="profile-problem" role="alert">
            {t('profile.reloadFailed', { reason: describeError(t, entry.error) })}
          </p>
        ) : null}
        <ProfileHeader profile={profile} context={context} />
        <ProfileIdentities identities={profile.identities} />
        <ProfileTags contact={profile.contact} contactId={contactId} />
        <ProfileOrders orders={profile.orders} lifetimeSpend={profile.lifetimeSpend} context={context} />
        <ProfileNotes notes={profile.notes} contactId={contactId} />
        <ProfileConversations conversations={profile.conversations} currentId={conversation.id} />
      </div>
    </div>
  );
}
