import { sql as initial } from './0001-initial';

/** Cache migrations in order; migration N brings `PRAGMA user_version` from N-1 to N. */
export const migrations: readonly string[] = [initial];
