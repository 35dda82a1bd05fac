import type { CustomerProfile } from '../../../../shared/contact-profile';
import { useProfile } from '../../app/profile-context';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { ChannelBadge } from '../inbox/ChannelBadge';

type ProfileConversation = CustomerProfile['conversations'][number];

/**
 * The customer's conversations on every channel, newest first: one click opens one in the inbox.
 * Those the viewer may not read are listed without their text and cannot be opened.
 */
export function ProfileConversations({ conversations, currentId }: { conversations: readonly ProfileConversation[]; currentId: string }) {
  const t = useT();
  return (
    <section className="profile-section" aria-labelledby="profile-conversations-title">
      <h3 className="profile-section-title" id="profile-conversations-title">
        {t('profile.conversations')}
      </h3>
      <ul className="profile-list" data-testid="profile-conversations">
        {conversations.map((c) => (
          <li key={c.id}>
            <ConversationRow conversation={c} current={c.id === currentId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConversationRow({ conversation: c, current }: { conversation: ProfileConversation; current: boolean }) {
  const t = useT();
  const language = useLanguage();
  const controller = useProfile();
  const when = formatFull(c.lastMessageAt, language);
  const body = (
    <>
      <span className="profile-conversation-head">
        <ChannelBadge kind={c.channelKind} compact />
        <span>{t(`status.${c.status}`)}</span>
        <span className="profile-conversation-owner" data-testid={`profile-owner-${c.id}`}>
          {c.assigneeName ?? t('inbox.unassigned')}
        </span>
        <time dateTime={c.lastMessageAt}>{when}</time>
        {current ? <span className="profile-current">{t('profile.conversationCurrent')}</span> : null}
      </span>
      <span className="profile-conversation-preview">{c.readable ? c.lastMessagePreview : t('profile.conversationNoAccess')}</span>
    </>
  );
  if (!c.readable) {
    return (
      <div className="profile-conversation profile-conversation-locked" data-testid={`profile-conversation-${c.id}`} aria-disabled="true">
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className="profile-conversation"
      data-testid={`profile-conversation-${c.id}`}
      aria-current={current ? 'true' : undefined}
      title={t('profile.conversationOpen', { channel: t(`channel.${c.channelKind}`), time: when })}
      onClick={() => controller.openConversation(c.id)}
    >
      {body}
    </button>
  );
}
