/** How many distinct statements get a name (are prepared); statements past it run unprepared. */
const MAX_NAMED = 2_000;

/** Only data statements are prepared (transaction control and DDL run as they are). */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

/**
 * The names under which a database's data statements are prepared, one per distinct text, for
 * both drivers (PostgreSQL keeps each statement's plan per connection, PGlite per database).
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private counter = 0;

  /** The statement's name, given on first sight; null when it is not to be prepared. */
  nameOf(sql: string): string | null {
    const known = this.names.get(sql);
    if (known !== undefined) return known;
    if (this.names.size >= MAX_NAMED || !PREPARABLE.test(sql)) return null;
    const name = `sb_${++this.counter}`;
    this.names.set(sql, name);
    return name;
  }

  /** Forgets every name (the statements were deallocated); later ones are new names. */
  clear(): void {
    this.names.clear();
  }

  get size(): number {
    return this.names.size;
  }
}
