/** One change as the audit log keeps it: only the fields that differ, what they were and became. */
export type AuditChange = { before: Record<string, unknown>; after: Record<string, unknown> };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields of `after` whose value differs from `before`, each with both values; a nested record
 * (a channel's config) is compared field by field as `config.<field>`, so a reader sees which
 * setting moved. Never pass secrets here: record only their names (`secretsSet`).
 */
export function auditChange(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): AuditChange {
  const change: AuditChange = { before: {}, after: {} };
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[field];
    const becomes = after[field];
    if (same(was, becomes)) continue;
    if (isRecord(was) && isRecord(becomes)) {
      const inner = auditChange(was, becomes);
      for (const [key, value] of Object.entries(inner.before)) change.before[`${field}.${key}`] = value;
      for (const [key, value] of Object.entries(inner.after)) change.after[`${field}.${key}`] = value;
      continue;
    }
    change.before[field] = was ?? null;
    change.after[field] = becomes ?? null;
  }
  return change;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
