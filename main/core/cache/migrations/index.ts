import { sql as initial } from './0001-initial';
import { sql as contactsKnowledgeTemplates } from './0002-contacts-knowledge-templates';
import { sql as sensitiveWords } from './0003-sensitive-words';
import { sql as knowledgeSearch } from './0004-knowledge-search';
import { sql as unreadAndMessageSearch } from './0005-unread-and-message-search';
import { sql as contactProfiles } from './0006-contact-profiles';
import { sql as sealedPersonalData } from './0007-sealed-personal-data';
import { sql as tickets } from './0008-tickets';
import { sql as ticketListColumns } from './0009-ticket-list-columns';
import { sql as notificationFeed } from './0010-notification-feed';
import { sql as outboxFiles } from './0011-outbox-files';

/** Cache migrations in order; migration N brings `PRAGMA user_version` from N-1 to N. */
export const migrations: readonly string[] = [initial, contactsKnowledgeTemplates, sensitiveWords, knowledgeSearch, unreadAndMessageSearch, contactProfiles, sealedPersonalData, tickets, ticketListColumns, notificationFeed, outboxFiles];
