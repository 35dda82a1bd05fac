/**
 * The Tickets list in SQL: the clear columns its saved filters, field filters and sorts read
 * (main/core/tickets/ticket-list-sql.ts), and indexes that read a page in the list's order, so
 * only the tickets of the page shown are opened (`data` is sealed).
 *
 * - `priority_rank`: ticketPriorities' index (low 0 … urgent 3).
 * - `due_order`: the due time the "due" sort orders by (ms; a far-off value when there is none,
 *   so those come last).
 * - `breaching_from`: from when the "breaching" view shows the ticket (ms; 0: already; NULL: never
 *   until the server says otherwise), ticket-list.ts breachingFrom.
 *
 * Tickets cached before this step get their columns from their sealed data when the cache is
 * opened with its key (cache/sealed-cache.ts); until then `created_at` is NULL.
 */
export const sql = `
ALTER TABLE tickets ADD COLUMN assignee_id TEXT;
ALTER TABLE tickets ADD COLUMN department_id TEXT;
ALTER TABLE tickets ADD COLUMN type_id TEXT;
ALTER TABLE tickets ADD COLUMN priority_rank INTEGER;
ALTER TABLE tickets ADD COLUMN created_at TEXT;
ALTER TABLE tickets ADD COLUMN due_order INTEGER;
ALTER TABLE tickets ADD COLUMN breaching_from INTEGER;
DROP INDEX tickets_updated;
-- The default order and the due order with every filter's column: a page is read in order with
-- the filters checked on the index alone, and a count scans an index, not the sealed rows.
CREATE INDEX tickets_list_updated ON tickets (updated_at, number, status, assignee_id, department_id, type_id, priority_rank, breaching_from);
CREATE INDEX tickets_list_due ON tickets (due_order, number, status, assignee_id, department_id, type_id, priority_rank, breaching_from);
CREATE INDEX tickets_list_created ON tickets (created_at, number);
CREATE INDEX tickets_list_priority ON tickets (priority_rank, updated_at, number);
CREATE INDEX tickets_list_number ON tickets (number);
-- "Mine", "unassigned" and "my department": read and counted on their own range.
CREATE INDEX tickets_list_assignee ON tickets (assignee_id, updated_at, number);
CREATE INDEX tickets_list_department ON tickets (department_id, updated_at, number);
`;
