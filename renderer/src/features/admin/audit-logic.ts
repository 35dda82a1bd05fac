import type { AuditEntryView } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';
import { safeFileName } from './file-name';

/** Audit actions the UI has words for; any other is shown as the server wrote it. */
const actionKeys: Readonly<Record<string, MessageKey>> = {
  takeover: 'audit.action.takeover',
  barge_in: 'audit.action.barge_in',
  whisper: 'audit.action.whisper',
  export: 'audit.action.export',
  audit_export: 'audit.action.export',
  'sensitive_word.create': 'audit.action.sensitive_word.create',
  'sensitive_word.update': 'audit.action.sensitive_word.update',
  'sensitive_word.delete': 'audit.action.sensitive_word.delete',
  unmask: 'audit.action.unmask',
  merge: 'audit.action.merge',
  settings: 'audit.action.settings',
  'contact.rename': 'audit.action.contact.rename',
  'settings.update': 'audit.action.settings',
  'user.role_change': 'team.admin.audit.roleChange',
  'user.update': 'team.admin.audit.update',
  'user.create': 'team.admin.audit.create',
  'user.deactivate': 'team.admin.audit.deactivate',
  'user.reactivate': 'team.admin.audit.reactivate',
  'kb_article.create': 'kbAdmin.audit.create',
  'kb_article.update': 'kbAdmin.audit.update',
  'kb_article.delete': 'kbAdmin.audit.delete',
  kb_import: 'kbAdmin.audit.import',
  kb_export: 'kbAdmin.audit.export',
  'bot_rule.create': 'botAdmin.audit.create',
  'bot_rule.update': 'botAdmin.audit.update',
  'bot_rule.delete': 'botAdmin.audit.delete',
  'ai.settings.update': 'aiAdmin.audit.update',
};

/** The readable name of an audit action in the UI's language; an unknown action reads as written. */
export function auditActionLabel(t: Translate, action: string): string {
  const key = Object.hasOwn(actionKeys, action) ? actionKeys[action] : undefined;
  return key ? t(key) : action;
}

const targetKeys: Readonly<Record<string, MessageKey>> = {
  conversation: 'audit.target.conversation',
  contact: 'audit.target.contact',
  audit_log: 'audit.target.audit_log',
  sensitive_word: 'audit.target.sensitive_word',
  user: 'audit.target.user',
  settings: 'audit.target.settings',
  skill_group: 'settings.audit.skillGroup',
  kb_article: 'kbAdmin.audit.target',
  ai_settings: 'aiAdmin.audit.target',
  bot_rule: 'botAdmin.audit.target',
};

/** Names the workstation knows for ids it may meet in the log: colleagues, conversations. */
export interface AuditNames {
  user(id: string): string | null;
  /** The customer's name for a conversation id. */
  conversation(id: string): string | null;
}

export const noNames: AuditNames = { user: () => null, conversation: () => null };

/**
 * "Conversation · Zhang Wei" — what an entry was about, with a name where the workstation knows one
 * (a sensitive word by its pattern, a skill group or a user by the name the entry recorded).
 */
export function auditTargetLabel(
  t: Translate,
  entry: Pick<AuditEntryView, 'targetType' | 'targetId'> & { details?: AuditEntryView['details'] },
  names: AuditNames = noNames,
): string {
  const type = Object.hasOwn(targetKeys, entry.targetType) ? t(targetKeys[entry.targetType]!) : entry.targetType;
  // The account's own settings need no id: there is one set per team.
  if (entry.targetId === null || entry.targetType === 'settings') return type;
  const pattern = entry.details?.['pattern'];
  const group = entry.details?.['group'];
  const userName = entry.details?.['name'];
  let name: string | null = null;
  if (entry.targetType === 'conversation') name = names.conversation(entry.targetId);
  else if (entry.targetType === 'user') name = names.user(entry.targetId) ?? (typeof userName === 'string' ? userName : null);
  else if ((entry.targetType === 'sensitive_word' || entry.targetType === 'bot_rule') && typeof pattern === 'string') name = pattern;
  else if (entry.targetType === 'kb_article' && typeof entry.details?.['title'] === 'string') name = entry.details['title'];
  else if (entry.targetType === 'skill_group' && typeof group === 'string') name = group;
  return `${type} · ${name ?? entry.targetId}`;
}

const detailKeys: Readonly<Record<string, MessageKey>> = {
  reason: 'audit.detail.reason',
  assigneeId: 'audit.detail.assigneeId',
  previousAssigneeId: 'audit.detail.previousAssigneeId',
  offeredTo: 'audit.detail.offeredTo',
  mentions: 'audit.detail.mentions',
  messageId: 'audit.detail.messageId',
  pattern: 'audit.detail.pattern',
  kind: 'audit.detail.kind',
  action: 'audit.detail.action',
  query: 'audit.detail.query',
  previous: 'audit.detail.previous',
  rows: 'audit.detail.rows',
  before: 'audit.detail.previous',
  after: 'team.admin.audit.after',
  name: 'team.admin.audit.name',
  email: 'team.admin.email',
  role: 'team.admin.role',
  maxChats: 'team.admin.maxChats',
  groups: 'team.admin.groups',
  group: 'settings.audit.group',
  autoAwaySeconds: 'settings.autoAwaySeconds',
  reconnectGraceSeconds: 'settings.reconnectGraceSeconds',
  acceptTimeoutSeconds: 'settings.acceptTimeoutSeconds',
  reofferCooldownSeconds: 'settings.reofferCooldownSeconds',
  escalateAfterSeconds: 'settings.escalateAfterSeconds',
  overflowAfterSeconds: 'settings.overflowAfterSeconds',
  overflowTarget: 'settings.overflowTarget',
  maxChatsPerAgent: 'settings.maxChatsPerAgent',
  businessHours: 'settings.hours',
  maskPersonalData: 'sensitive.maskPersonalData',
};

/** Values the UI has words for, by field: a sensitive word's type and what it does, a role, hours that are always open. */
const valueKeys: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  kind: { word: 'sensitive.kind.word', regex: 'sensitive.kind.regex' },
  action: { alert: 'sensitive.action.alert', block: 'sensitive.action.block', mask: 'sensitive.action.mask' },
  role: { agent: 'role.agent', supervisor: 'role.supervisor', admin: 'role.admin' },
  businessHours: { always: 'settings.hours.always' },
  overflowTarget: { any: 'settings.overflow.any' },
};

/** Detail fields holding colleagues' ids: shown by name where the workstation knows them. */
const userFields = new Set(['assigneeId', 'previousAssigneeId', 'offeredTo', 'mentions', 'userId', 'toUserId']);

export interface AuditDetail {
  label: string;
  value: string;
}

function labelOf(t: Translate, field: string): string {
  const key = Object.hasOwn(detailKeys, field) ? detailKeys[field] : undefined;
  return key ? t(key) : field;
}

function show(t: Translate, field: string, value: unknown, names: AuditNames): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => show(t, field, v, names)).filter((v): v is string => v !== null);
    return parts.length === 0 ? null : parts.join(', ');
  }
  if (typeof value === 'string') {
    const words = Object.hasOwn(valueKeys, field) ? valueKeys[field] : undefined;
    const key = words && Object.hasOwn(words, value) ? words[value] : undefined;
    if (key) return t(key);
    return (userFields.has(field) && names.user(value)) || value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    // A nested record (the values before a change): its fields read the same way, on one line.
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([inner, v]) => {
        const shown = show(t, inner, v, names);
        return shown === null ? null : `${labelOf(t, inner)}: ${shown}`;
      })
      .filter((v): v is string => v !== null);
    return parts.length === 0 ? null : parts.join(' · ');
  }
  return String(value);
}

/**
 * An entry's details as label–value pairs a person can read: known fields and values in the UI's
 * words, colleagues by name, nested records on one line, empty values left out, the rest as written.
 */
export function auditDetails(t: Translate, details: Readonly<Record<string, unknown>>, names: AuditNames = noNames): AuditDetail[] {
  const result: AuditDetail[] = [];
  // The database keeps fields in its own order: a change reads before, then after, at the end.
  const rank = (field: string) => (field === 'before' || field === 'previous' ? 1 : field === 'after' ? 2 : 0);
  const fields = Object.entries(details).sort(([a], [b]) => rank(a) - rank(b));
  for (const [field, raw] of fields) {
    const value = show(t, field, raw, names);
    if (value === null) continue;
    result.push({ label: labelOf(t, field), value });
  }
  return result;
}

/** Adds a further page under what is shown, newest first, each entry once. */
export function appendAuditPage(shown: readonly AuditEntryView[], page: readonly AuditEntryView[]): AuditEntryView[] {
  const seen = new Set(shown.map((e) => e.id));
  const next = [...shown];
  for (const entry of page) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    next.push(entry);
  }
  return next.sort((a, b) => b.id - a.id);
}

const BOM = '\uFEFF';

/**
 * The CSV as a file body: with a byte-order mark so spreadsheet programs read Chinese names
 * correctly (added once), and a file name that is safe on every desktop.
 */
export function csvDownload(filename: string, csv: string): { filename: string; body: string; type: string } {
  return {
    filename: safeFileName(filename, 'audit.csv', '.csv'),
    body: csv.startsWith(BOM) ? csv : `${BOM}${csv}`,
    type: 'text/csv;charset=utf-8',
  };
}
