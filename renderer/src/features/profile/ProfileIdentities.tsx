import type { ContactIdentity } from '../../../../shared/contact-profile';
import { useT } from '../../i18n/use-t';
import { ChannelBadge } from '../inbox/ChannelBadge';

/** Every channel the customer reached the team on, and who they are there. */
export function ProfileIdentities({ identities }: { identities: readonly ContactIdentity[] }) {
  const t = useT();
  return (
    <section className="profile-section" aria-labelledby="profile-identities-title">
      <h3 className="profile-section-title" id="profile-identities-title">
        {t('profile.identities')}
      </h3>
      {identities.length === 0 ? (
        <p className="profile-muted">{t('profile.identitiesNone')}</p>
      ) : (
        <ul className="profile-list" data-testid="profile-identities">
          {identities.map((identity) => (
            <li key={identity.id} className="profile-identity-row">
              <ChannelBadge kind={identity.channelKind} compact />
              <span className="profile-identity-text">
                <span className="profile-identity-channel">{identity.channelName}</span>
                <span className="profile-value">{identity.displayName ? `${identity.displayName} · ${identity.externalId}` : identity.externalId}</span>
                {identity.phone || identity.email ? (
                  <span className="profile-muted">{[identity.phone, identity.email].filter(Boolean).join(' · ')}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
