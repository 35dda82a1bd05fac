import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ticketCorpus } from '../testing/ticket-corpus';
import { selectTickets } from '../tickets/ticket-list';
import { ticketListSql } from '../tickets/ticket-list-sql';
import { FieldCipher } from './field-cipher';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openSealedCache } from './sealed-cache';
import { SqliteDb } from './sqlite';
import { TicketCache } from './ticket-cache';

/** Cache migration 0008 made the tickets table; 0009 gave the list its clear columns. */
const BEFORE_LIST_COLUMNS = 8;
const now = Date.parse('2026-12-01T12:00:00Z');
const viewer = { userId: 'u1', myDepartmentIds: ['d2'] };

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe('tickets cached before the list read them in SQL', () => {
  it('are listed by their filters right after the upgrade, offline, without syncing again; one that cannot be read comes back with a sync from the start', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sb-ticket-upgrade-'));
    roots.push(root);
    const folder = join(root, 'accounts', 'u1');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'cache.sqlite');
    const cipher = FieldCipher.random();
    const tickets = ticketCorpus(300, { now, assignees: ['u1', 'u2'], departments: ['d1', 'd2'], types: ['repair'] });

    // What the version before wrote: the sealed ticket and a few clear columns, and its cursor.
    const old = await SqliteDb.open(file);
    await migrate(old, migrations.slice(0, BEFORE_LIST_COLUMNS));
    for (const t of tickets) {
      await old.run('INSERT INTO tickets (id, seq, number, status, updated_at, data) VALUES (?, ?, ?, ?, ?, ?)', [t.id, t.seq, t.number, t.status, t.updatedAt, cipher.seal(t)]);
    }
    await old.run(`INSERT INTO sync_state (key, value) VALUES ('tickets_cursor', '300')`);
    await old.close();

    let cache = new TicketCache(await openSealedCache(file, cipher), cipher);
    for (const view of ['mine', 'my_department', 'breaching', 'unassigned'] as const) {
      const expected = selectTickets(tickets, { view }, viewer, now).map((t) => t.id);
      expect((await cache.page(ticketListSql({ view }, viewer, now), tickets.length)).tickets.map((t) => t.id)).toEqual(expected);
    }
    expect(await cache.cursor()).toBe(300);
    // The indexes built again after the fill are the migration's.
    const fresh = await SqliteDb.open(':memory:');
    await migrate(fresh);
    const indexes = (db: SqliteDb) => db.all("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' ORDER BY name");
    expect(await indexes(cache.db)).toEqual(await indexes(fresh));
    await fresh.close();
    await cache.db.close();

    // A row left without its columns whose copy this key cannot open.
    const damaged = await SqliteDb.open(file);
    await damaged.run("UPDATE tickets SET created_at = NULL, data = ? WHERE id = 't-7'", [FieldCipher.random().seal(tickets[6])]);
    await damaged.close();
    cache = new TicketCache(await openSealedCache(file, cipher), cipher);
    expect(await cache.ticket('t-7')).toBeNull();
    expect((await cache.page(ticketListSql({ view: 'all' }, viewer, now), tickets.length)).total).toBe(tickets.length - 1);
    expect(await cache.cursor()).toBe(0);
    await cache.db.close();
  });
});
