import type { Contact, User } from '../../../../shared/domain';
import type { TemplateValues } from '../../../../shared/quick-replies';

/** The customer's latest order from the profile (its number as the id), once the profile is loaded. */
export type LatestOrder = { id: string; status: string };

export type ValueSources = {
  contact: Contact | null;
  /** The conversation's name for the customer, while their profile is not in the cache yet. */
  contactName: string | null;
  /** The conversation's name for the customer was made up ("Visitor 1234"). */
  contactNameGenerated?: boolean;
  agent: Pick<User, 'name'> | null;
  latestOrder?: LatestOrder | null;
  /** How a list (tags) is joined. */
  listSeparator?: string;
};

/**
 * What the open conversation knows for a quick reply's variables (pure). Anything unknown is left
 * out, so the reply shows a placeholder for the agent to fill; a VIP level of 0 means "not a VIP"
 * and counts as unknown. A made-up customer name is never written: the greeting goes without it.
 */
export function templateValues(sources: ValueSources): TemplateValues {
  const { contact, agent, latestOrder } = sources;
  return {
    'contact.name': nameGenerated(sources) ? false : contact?.name || sources.contactName,
    'contact.vip_level': contact && contact.vipLevel > 0 ? String(contact.vipLevel) : null,
    'contact.email': contact?.email,
    'contact.phone': contact?.phone,
    'contact.tags': contact && contact.tags.length > 0 ? contact.tags.join(sources.listSeparator ?? ', ') : null,
    'agent.name': agent?.name,
    'order.latest.id': latestOrder?.id,
    'order.latest.status': latestOrder?.status,
  };
}

function nameGenerated({ contact, contactNameGenerated }: ValueSources): boolean {
  return contact ? contact.nameGenerated === true : contactNameGenerated === true;
}
