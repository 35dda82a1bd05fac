import type { ChannelDetails } from '../../../../shared/domain';
import type { Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

/**
 * What a platform message says beyond its stored text, in the agent's language: a reaction to an
 * earlier message, or the customer's new number on the platform. Null when the stored text says it.
 */
export function channelDetailsLine(t: Translate, details: ChannelDetails | undefined): string | null {
  if (!details) return null;
  if (details.numberChanged) return t('channelDetails.numberChanged', details.numberChanged);
  const reaction = details.reaction;
  if (!reaction) return null;
  const quoted = details.quote?.body;
  if (reaction.emoji === null) return quoted ? t('channelDetails.reactionRemoved', { body: quoted }) : t('channelDetails.reactionRemovedUnknown');
  return quoted ? t('channelDetails.reacted', { emoji: reaction.emoji, body: quoted }) : t('channelDetails.reactedUnknown', { emoji: reaction.emoji });
}

/** The replied-to message above a customer's message, and the contact cards it carried. */
export function ChannelDetailsParts({ details, body }: { details: ChannelDetails | undefined; body: string }) {
  const t = useT();
  const line = channelDetailsLine(t, details);
  return (
    <>
      {details?.quote && !details.reaction && (
        <blockquote className="message-quote" data-testid="message-quote">
          {t('channelDetails.quote', { body: details.quote.body })}
        </blockquote>
      )}
      {line ?? (details?.contacts ? null : body)}
      {details?.contacts && (
        <div className="message-contacts" data-testid="message-contacts">
          <p>{t('channelDetails.contacts', { count: details.contacts.length })}</p>
          <ul>
            {details.contacts.map((card, i) => (
              <li key={i}>
                <strong>{card.name || t('channelDetails.contactNoName')}</strong>
                {card.phones.length > 0 && <span> {card.phones.join(', ')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
