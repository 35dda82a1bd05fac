import * as m0001 from './0001-initial';
import * as m0002 from './0002-sync-floor';
import * as m0003 from './0003-routing';
import * as m0004 from './0004-supervision';

export type Migration = { version: number; name: string; sql: string };

/** Every migration in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, ...m0001 },
  { version: 2, ...m0002 },
  { version: 3, ...m0003 },
  { version: 4, ...m0004 },
];
