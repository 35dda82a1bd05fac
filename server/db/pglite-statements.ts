import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { StatementNames } from './statement-names';

type Prepared = { name: string; paramTypes: number[] };

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite, each run as one protocol exchange. PGlite's own `query`
 * parses and plans every statement again and talks to the engine once per protocol message (six
 * for a parameterised query); here a statement is parsed once, described once for its parameter
 * types, and later runs are one Bind/Describe/Execute/Sync exchange on the cached plan. Planning
 * the conversation view alone cost about 0.7 ms a time on this engine.
 *
 * It takes the locks PGlite's `query` takes, so statements never interleave with a transaction.
 */
export class PgliteStatements {
  private readonly names = new StatementNames();
  /** Statements parsed in the engine, with their parameter types, by text. */
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly pg: PGlite) {}

  /**
   * Runs `sql` prepared, or through `unprepared` (PGlite's own query) when it is not a data
   * statement or the cache is full. `inTransaction`: the caller already holds the transaction lock.
   */
  async query<T>(sql: string, params: readonly unknown[] | undefined, inTransaction: boolean, unprepared: () => Promise<T[]>): Promise<T[]> {
    const name = this.names.nameOf(sql);
    if (!name) return unprepared();
    const run = () => this.pg._runExclusiveQuery(() => this.execute<T>(name, sql, params ?? [], !inTransaction));
    return inTransaction ? run() : this.pg._runExclusiveTransaction(run);
  }

  /** Forgets every prepared statement (after DDL that may change what they return). */
  async forget(exec: (sql: string) => Promise<unknown>): Promise<void> {
    if (this.names.size === 0) return;
    this.names.clear();
    this.prepared.clear();
    await exec('DEALLOCATE ALL');
  }

  private async execute<T>(name: string, sql: string, params: readonly unknown[], syncToFs: boolean): Promise<T[]> {
    let prepared = this.prepared.get(sql);
    if (!prepared) {
      prepared = await this.describe(name, sql);
      this.prepared.set(sql, prepared);
    }
    return this.bindAndRun<T>(prepared, params, syncToFs);
  }

  /** Parses `sql` as the statement `name` and learns its parameter types. */
  private async describe(name: string, sql: string): Promise<Prepared> {
    const { serialize } = protocol;
    const result = await this.pg.execProtocol(concat([serialize.parse({ name, text: sql, types: [] }), serialize.describe({ type: 'S', name }), serialize.sync()]), {
      syncToFs: false,
    });
    return { name, paramTypes: parse.parseDescribeStatementResults(result.messages) };
  }

  private async bindAndRun<T>(prepared: Prepared, params: readonly unknown[], syncToFs: boolean): Promise<T[]> {
    const { serialize } = protocol;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pg.serializers[prepared.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const message = concat([
      serialize.bind({ statement: prepared.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const result = await this.pg.execProtocol(message, { syncToFs });
    return (parse.parseResults(result.messages, this.pg.parsers)[0]?.rows ?? []) as T[];
  }
}
