/**
 * Indexes the Tickets view's lists read in order (server/domain/tickets/ticket-queries.ts
 * listTickets), so a page of 50 stops after about 50 matching rows instead of sorting every match:
 * - per assignee, latest change first: "mine" (every status) and the assignee filter;
 * - the working tickets nobody holds, latest change first: "unassigned";
 * - per department, latest change first: "my department" of one department and the department filter;
 * - the whole account, latest change first: "all" with its filters, and any view whose tickets
 *   are many (several departments, department staff's own tickets, many breaching);
 * - the whole account by due time: the "due" sort;
 * - working tickets by the due time their SLA state turns on (sla-sql.ts slaDueSql, written out
 *   here because a migration never changes): the candidates of "breaching" when they are few.
 * `id` closes each key, as in the lists' ORDER BY and their keyset cursor. The 0020 indexes per
 * assignee and per department had the status between the key and the time, so no list could
 * read them in order; the new ones start with the same columns and replace them.
 */
export const name = 'ticket-working-set-indexes';

export const sql = /* sql */ `
DROP INDEX tickets_assignee_idx;
DROP INDEX tickets_department_idx;
CREATE INDEX tickets_assignee_list_idx ON tickets (account_id, assignee_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_unassigned_list_idx ON tickets (account_id, updated_at DESC, id DESC)
  WHERE deleted_at IS NULL AND assignee_id IS NULL AND status NOT IN ('solved', 'closed');
CREATE INDEX tickets_department_list_idx ON tickets (account_id, department_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_updated_list_idx ON tickets (account_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_due_list_idx ON tickets (account_id, (COALESCE(due_at, resolution_due_at, 'infinity'::timestamptz)), id)
  WHERE deleted_at IS NULL;
CREATE INDEX tickets_sla_due_idx ON tickets (account_id, (CASE WHEN status NOT IN ('solved', 'closed') THEN
    LEAST(CASE WHEN first_responded_at IS NULL OR first_responded_at > first_response_due_at THEN first_response_due_at END, resolution_due_at) END))
  WHERE deleted_at IS NULL AND status NOT IN ('solved', 'closed');
CREATE STATISTICS tickets_sla_due_stats ON (CASE WHEN status NOT IN ('solved', 'closed') THEN
    LEAST(CASE WHEN first_responded_at IS NULL OR first_responded_at > first_response_due_at THEN first_response_due_at END, resolution_due_at) END)
  FROM tickets;
ANALYZE tickets;
`;
