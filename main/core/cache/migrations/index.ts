import { sql as initial } from './0001-initial';
import { sql as contactsKnowledgeTemplates } from './0002-contacts-knowledge-templates';

/** Cache migrations in order; migration N brings `PRAGMA user_version` from N-1 to N. */
export const migrations: readonly string[] = [initial, contactsKnowledgeTemplates];
