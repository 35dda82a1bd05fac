import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useContactsStore } from '../../stores/contacts-store';
import { useInboxStore } from '../../stores/inbox-store';
import { ChannelBadge } from '../inbox/ChannelBadge';

/** The customer beside the thread, from the local cache. Identities and orders come with the profile feature. */
export function ProfilePanel() {
  const t = useT();
  const language = useLanguage();
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));
  const contact = useContactsStore((s) => (conversation ? s.byId[conversation.contactId] ?? null : null));
  return (
    <aside className="profile" aria-label={t('profile.label')}>
      <div className="pane-header">
        <h2 className="pane-title">{t('profile.label')}</h2>
      </div>
      {conversation ? (
        <div className="profile-body">
          <div className="profile-identity">
            <span className="avatar avatar-large" aria-hidden="true">
              {conversation.contactName.slice(0, 1).toUpperCase()}
            </span>
            <p className="profile-name">{conversation.contactName}</p>
          </div>
          <dl className="profile-facts">
            <dt>{t('profile.channel')}</dt>
            <dd>
              <ChannelBadge kind={conversation.channelKind} />
            </dd>
            <dt>{t('profile.status')}</dt>
            <dd>{t(`status.${conversation.status}`)}</dd>
            <dt>{t('profile.since')}</dt>
            <dd>{formatFull(conversation.createdAt, language)}</dd>
            {contact?.vipLevel ? (
              <>
                <dt>{t('profile.vip')}</dt>
                <dd data-testid="profile-vip">VIP {contact.vipLevel}</dd>
              </>
            ) : null}
            {contact?.email ? (
              <>
                <dt>{t('profile.email')}</dt>
                <dd>{contact.email}</dd>
              </>
            ) : null}
            {contact?.phone ? (
              <>
                <dt>{t('profile.phone')}</dt>
                <dd>{contact.phone}</dd>
              </>
            ) : null}
            {contact && contact.tags.length > 0 ? (
              <>
                <dt>{t('profile.tags')}</dt>
                <dd className="profile-tags">
                  {contact.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
          <p className="profile-soon">{t('profile.comingSoon')}</p>
        </div>
      ) : (
        <p className="pane-empty">{t('profile.nothingSelected')}</p>
      )}
    </aside>
  );
}
