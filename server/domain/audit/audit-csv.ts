import type { AuditEntry } from './audit-log';

export const AUDIT_CSV_HEADER = ['id', 'created_at', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'details'];

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with '.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.id, entry.createdAt, entry.actorId, entry.actorName, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details),
  ]);
}
