import type { CustomerProfile } from '../../../../shared/contact-profile';
import { useT } from '../../i18n/use-t';
import type { RevealContext } from './reveal-context';
import { ProfileName } from './ProfileName';
import { UnmaskButton } from './UnmaskButton';

/** Avatar, name, VIP level, phone and email (masked ones with "Show"). */
export function ProfileHeader({ profile, context }: { profile: CustomerProfile; context: RevealContext }) {
  const t = useT();
  const { contact } = profile;
  return (
    <section className="profile-section" aria-label={t('profile.about')}>
      <div className="profile-identity">
        <span className="avatar avatar-large" aria-hidden="true">
          {Array.from(contact.name.trim())[0]?.toUpperCase() ?? '?'}
        </span>
        <ProfileName contact={contact} />
        {contact.vipLevel > 0 ? (
          <span className="profile-vip" data-testid="profile-vip">
            {t('profile.vipLevel', { level: contact.vipLevel })}
          </span>
        ) : null}
      </div>
      <dl className="profile-facts">
        <dt>{t('profile.phone')}</dt>
        <dd data-testid="profile-phone">
          <span className="profile-value">{contact.phone ?? t('profile.none')}</span>
          {contact.phone ? <UnmaskButton field="phone" context={context} /> : null}
        </dd>
        <dt>{t('profile.email')}</dt>
        <dd data-testid="profile-email">
          <span className="profile-value">{contact.email ?? t('profile.none')}</span>
          {contact.email ? <UnmaskButton field="email" context={context} /> : null}
        </dd>
      </dl>
      {context.revealed.size > 0 ? <p className="profile-muted">{t('profile.revealedNote')}</p> : null}
    </section>
  );
}
