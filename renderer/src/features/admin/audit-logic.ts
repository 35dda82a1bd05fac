import type { AuditAction } from '../../../../shared/audit-actions';
import type { AuditEntryView } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';
import { safeFileName } from './file-name';

/** A sentence for every action the server writes; the compiler and a unit test keep it whole. */
export const auditActionKeys: Readonly<Record<AuditAction, MessageKey>> = {
  takeover: 'audit.action.takeover',
  barge_in: 'audit.action.barge_in',
  whisper: 'audit.action.whisper',
  export: 'audit.action.export',
  'attachment.downloaded': 'audit.action.attachment.downloaded',
  'sensitive_word.create': 'audit.action.sensitive_word.create',
  'sensitive_word.update': 'audit.action.sensitive_word.update',
  'sensitive_word.delete': 'audit.action.sensitive_word.delete',
  'contact.rename': 'audit.action.contact.rename',
  'contact.tags': 'audit.action.contact.tags',
  'contact.unmask': 'audit.action.unmask',
  'contact.merge': 'audit.action.merge',
  'contact.unmerge': 'audit.action.contact.unmerge',
  'contact.identity_linked': 'audit.action.contact.identity_linked',
  'contact.identity_changed': 'audit.action.contact.identity_changed',
  'settings.update': 'audit.action.settings',
  'ai.settings.update': 'aiAdmin.audit.update',
  'user.create': 'team.admin.audit.create',
  'user.update': 'team.admin.audit.update',
  'user.role_change': 'team.admin.audit.roleChange',
  'user.deactivate': 'team.admin.audit.deactivate',
  'user.reactivate': 'team.admin.audit.reactivate',
  'kb_article.create': 'kbAdmin.audit.create',
  'kb_article.update': 'kbAdmin.audit.update',
  'kb_article.delete': 'kbAdmin.audit.delete',
  kb_import: 'kbAdmin.audit.import',
  kb_export: 'kbAdmin.audit.export',
  'kb_question.accept': 'audit.action.kb_question.accept',
  'kb_question.dismiss': 'audit.action.kb_question.dismiss',
  'bot_rule.create': 'botAdmin.audit.create',
  'bot_rule.update': 'botAdmin.audit.update',
  'bot_rule.delete': 'botAdmin.audit.delete',
  'channel.create': 'audit.action.channel.create',
  'channel.update': 'audit.action.channel.update',
  'channel.enable': 'audit.action.channel.enable',
  'channel.disable': 'audit.action.channel.disable',
  'channel.delete': 'audit.action.channel.delete',
  'conversation_tag.create': 'audit.action.conversation_tag.create',
  'conversation_tag.update': 'audit.action.conversation_tag.update',
  'conversation_tag.archive': 'audit.action.conversation_tag.archive',
  'conversation_tag.restore': 'audit.action.conversation_tag.restore',
  'department.create': 'audit.action.department.create',
  'department.update': 'audit.action.department.update',
  'ticket_type.create': 'audit.action.ticket_type.create',
  'ticket_type.update': 'audit.action.ticket_type.update',
  'ticket_sla.update': 'audit.action.ticket_sla.update',
  'ticket.assign': 'audit.action.ticket.assign',
  'ticket.status': 'audit.action.ticket.status',
  'ticket.delete': 'audit.action.ticket.delete',
  'template.create': 'audit.action.template.create',
  'template.update': 'audit.action.template.update',
  'template.delete': 'audit.action.template.delete',
  'order.status_change': 'audit.action.order.status_change',
  'order_events.secret_rotated': 'audit.action.order_events.secret_rotated',
};

/** Keys older servers wrote, still in logs kept from then. */
const legacyActionKeys: Readonly<Record<string, MessageKey>> = {
  audit_export: 'audit.action.export',
  unmask: 'audit.action.unmask',
  merge: 'audit.action.merge',
  settings: 'audit.action.settings',
};

/** The readable name of an audit action in the UI's language; an unknown action reads as written. */
export function auditActionLabel(t: Translate, action: string): string {
  const key = Object.hasOwn(auditActionKeys, action)
    ? auditActionKeys[action as AuditAction]
    : Object.hasOwn(legacyActionKeys, action) ? legacyActionKeys[action] : undefined;
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
  weekly_report_settings: 'weeklyReport.audit.target',
  channel: 'audit.target.channel',
  conversation_tag: 'audit.target.conversation_tag',
  conversation_tag_settings: 'audit.target.conversation_tag_settings',
  csat_settings: 'audit.target.csat_settings',
  ticket_settings: 'audit.target.ticket_settings',
  ticket_sla: 'audit.target.ticket_sla',
  department: 'audit.target.department',
  ticket_type: 'audit.target.ticket_type',
  ticket: 'audit.target.ticket',
  template: 'audit.target.template',
  attachment: 'audit.target.attachment',
  order: 'audit.target.order',
  orders_connector: 'audit.target.orders_connector',
  account: 'audit.target.account',
};

/** Targets that are one per team: their id says nothing to a reader. */
const singletonTargets = new Set(['settings', 'account', 'orders_connector', 'ai_settings', 'ticket_sla', 'audit_log']);

/** Names the workstation knows for ids it may meet in the log: colleagues, conversations. */
export interface AuditNames {
  user(id: string): string | null;
  /** The customer's name for a conversation id. */
  conversation(id: string): string | null;
}

export const noNames: AuditNames = { user: () => null, conversation: () => null };

/**
 * The conversation an entry is about, which its row links to: the target itself, or the one its
 * details name (a whisper, a downloaded file, a takeover). Null for settings, people and the like.
 */
export function auditConversationId(entry: Pick<AuditEntryView, 'targetType' | 'targetId' | 'details'>): string | null {
  if (entry.targetType === 'conversation' && entry.targetId) return entry.targetId;
  const named = entry.details['conversationId'];
  return typeof named === 'string' && named.length > 0 ? named : null;
}

/**
 * "Conversation · Zhang Wei" — what an entry was about, with a name where the workstation knows one
 * (a sensitive word by its pattern, a skill group or a user by the name the entry recorded).
 */
export function auditTargetLabel(
  t: Translate,
  entry: Pick<AuditEntryView, 'targetType' | 'targetId'> & Partial<Pick<AuditEntryView, 'details' | 'targetLabel'>>,
  names: AuditNames = noNames,
): string {
  const type = Object.hasOwn(targetKeys, entry.targetType) ? t(targetKeys[entry.targetType]!) : entry.targetType;
  // The account's own settings need no id: there is one set per team.
  if (entry.targetId === null || singletonTargets.has(entry.targetType)) return type;
  if (entry.targetLabel) return `${type} · ${entry.targetLabel}`;
  const pattern = entry.details?.['pattern'];
  const group = entry.details?.['group'];
  const userName = entry.details?.['name'];
  let name: string | null = null;
  if (entry.targetType === 'conversation') name = names.conversation(entry.targetId);
  else if (entry.targetType === 'user') name = names.user(entry.targetId) ?? (typeof userName === 'string' ? userName : null);
  else if ((entry.targetType === 'sensitive_word' || entry.targetType === 'bot_rule') && typeof pattern === 'string') name = pattern;
  else if (entry.targetType === 'kb_article' && typeof entry.details?.['title'] === 'string') name = entry.details['title'];
  else if (entry.targetType === 'skill_group' && typeof group === 'string') name = group;
  else if (typeof userName === 'string') name = userName;
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
  title: 'audit.detail.title',
  shortcut: 'audit.detail.shortcut',
  lang: 'audit.detail.language',
  changed: 'audit.detail.changed',
  scope: 'quick.scope',
  body: 'quick.body',
  category: 'quick.category',
  imported: 'audit.detail.imported',
  subject: 'tickets.field.subject',
  status: 'tickets.field.status',
};

/** Values the UI has words for, by field: a sensitive word's type and what it does, a role, hours that are always open. */
const valueKeys: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  kind: { word: 'sensitive.kind.word', regex: 'sensitive.kind.regex' },
  action: { alert: 'sensitive.action.alert', block: 'sensitive.action.block', mask: 'sensitive.action.mask' },
  role: { agent: 'role.agent', supervisor: 'role.supervisor', admin: 'role.admin' },
  businessHours: { always: 'settings.hours.always' },
  overflowTarget: { any: 'settings.overflow.any' },
  scope: { team: 'quick.team', personal: 'quick.personal' },
  lang: { zh: 'kb.langZh', en: 'kb.langEn' },
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
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'number') return String(value);
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

/** What else of an entry the details read: whispers and tag groups are shown in words. */
export type AuditContext = Partial<Pick<AuditEntryView, 'action' | 'targetId' | 'targetLabel' | 'whisperText'>>;

const tagGroupKeys: Readonly<Record<string, MessageKey>> = {
  basic: 'profile.tagGroup.basic',
  behaviour: 'profile.tagGroup.behaviour',
  need: 'profile.tagGroup.need',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `config.greeting` reads as the label of `greeting`; a field without words reads as written. */
function fieldLabel(t: Translate, field: string): string {
  const last = field.includes('.') ? field.slice(field.lastIndexOf('.') + 1) : field;
  return Object.hasOwn(detailKeys, field) ? labelOf(t, field) : labelOf(t, last);
}

/**
 * A change as one line per field, "label: before → after", over the fields either side names;
 * an empty side reads "(empty)". Fields whose value did not move are left out.
 */
export function auditChanges(t: Translate, before: unknown, after: unknown, names: AuditNames = noNames): AuditDetail[] {
  const empty = t('audit.empty.value');
  const shown = (field: string, value: unknown) => show(t, field, value, names) ?? empty;
  if (!isRecord(before) || !isRecord(after)) {
    const was = shown('', before);
    const becomes = shown('', after);
    return was === becomes ? [] : [{ label: t('audit.detail.changed'), value: `${was} → ${becomes}` }];
  }
  const result: AuditDetail[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const last = field.includes('.') ? field.slice(field.lastIndexOf('.') + 1) : field;
    const was = shown(last, before[field]);
    const becomes = shown(last, after[field]);
    if (was === becomes) continue;
    result.push({ label: fieldLabel(t, field), value: `${was} → ${becomes}` });
  }
  return result;
}

/** "Whisper to 王芳 in the chat with 张伟": whom a whisper was for, by name, in which customer's chat. */
export function whisperSummary(t: Translate, details: Readonly<Record<string, unknown>>, context: AuditContext, names: AuditNames = noNames): string {
  const customer = context.targetLabel ?? (context.targetId ? names.conversation(context.targetId) ?? context.targetId : '');
  const mentions = Array.isArray(details['mentions']) ? details['mentions'].filter((m): m is string => typeof m === 'string') : [];
  const assignee = typeof details['assigneeId'] === 'string' ? [details['assigneeId']] : [];
  const to = (mentions.length > 0 ? mentions : assignee).map((id) => names.user(id) ?? id);
  return to.length === 0 ? t('audit.whisperNoAgent', { customer }) : t('audit.whisper', { agent: to.join(', '), customer });
}

/**
 * An entry's details as label–value pairs a person can read: known fields and values in the UI's
 * words, colleagues by name, a change as "before → after" per field, secrets only as changed,
 * a whisper as whom it was for and its text, empty values left out, the rest as written.
 */
export function auditDetails(
  t: Translate,
  details: Readonly<Record<string, unknown>>,
  names: AuditNames = noNames,
  context: AuditContext = {},
): AuditDetail[] {
  const result: AuditDetail[] = [];
  const skip = new Set<string>();
  if (context.action === 'whisper') {
    result.push({ label: t('audit.detail.whisperTo'), value: whisperSummary(t, details, context, names) });
    if (context.whisperText) result.push({ label: t('audit.whisperText'), value: context.whisperText });
    for (const field of ['messageId', 'assigneeId', 'mentions']) skip.add(field);
  }
  // A takeover without a reason stores the server's English default ("taken over by 陈琳"):
  // the action already says it, and a Chinese reader should not meet it in English.
  if (context.action === 'takeover' && typeof details['reason'] === 'string' && /^taken over by /i.test(details['reason'].trim())) skip.add('reason');
  const hasChange = 'before' in details && 'after' in details;
  if (hasChange) for (const field of ['before', 'after', 'previous', 'changed']) skip.add(field);
  // The database keeps fields in its own order: older entries' values before read at the end.
  const rank = (field: string) => (field === 'before' || field === 'previous' ? 1 : field === 'after' ? 2 : 0);
  const fields = Object.entries(details).sort(([a], [b]) => rank(a) - rank(b));
  for (const [field, raw] of fields) {
    if (skip.has(field)) continue;
    if (field === 'secretsSet' || field === 'secretsRemoved' || field === 'secretsChanged') {
      // Only the names of secrets are ever recorded; each reads as changed, never a value.
      const secrets = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
      for (const secret of secrets) result.push({ label: fieldLabel(t, secret), value: t('audit.detail.secretChanged') });
      continue;
    }
    if (field === 'group' && context.action === 'contact.tags' && typeof raw === 'string') {
      const key = Object.hasOwn(tagGroupKeys, raw) ? tagGroupKeys[raw] : undefined;
      result.push({ label: t('audit.detail.tagGroup'), value: key ? t(key) : raw });
      continue;
    }
    const value = show(t, field, raw, names);
    if (value === null) continue;
    result.push({ label: labelOf(t, field), value });
  }
  if (hasChange) result.push(...auditChanges(t, details['before'], details['after'], names));
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
