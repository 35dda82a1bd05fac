import * as m0001 from './0001-initial';

export type Migration = { version: number; name: string; sql: string };

/** Every migration in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [{ version: 1, ...m0001 }];
