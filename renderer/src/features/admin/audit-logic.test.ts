import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { appendAuditPage, auditActionLabel, auditDetails, auditTargetLabel, csvDownload, type AuditNames } from './audit-logic';

const en = translator('en');
const zh = translator('zh-CN');

function entry(id: number, overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id,
    action: 'takeover',
    actorId: 'sup',
    actorName: 'Chen Lin',
    targetType: 'conversation',
    targetId: 'c1',
    details: {},
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const names: AuditNames = {
  user: (id) => ({ wang: '王芳', li: '李雷' })[id] ?? null,
  conversation: (id) => (id === 'c1' ? 'Zhang Wei' : null),
};

describe('audit log entries an admin reads', () => {
  it('names the supervision and admin actions in the UI’s language', () => {
    expect(auditActionLabel(en, 'takeover')).toBe('Took over a conversation');
    expect(auditActionLabel(en, 'barge_in')).toBe('Joined a conversation');
    expect(auditActionLabel(en, 'whisper')).toBe('Whispered to an agent');
    expect(auditActionLabel(en, 'sensitive_word.delete')).toBe('Deleted a sensitive word');
    expect(auditActionLabel(en, 'audit_export')).toBe(auditActionLabel(en, 'export'));
    expect(auditActionLabel(zh, 'takeover')).toBe('接管会话');
  });

  it('shows an action it has no words for exactly as the server wrote it', () => {
    expect(auditActionLabel(en, 'channel.create')).toBe('channel.create');
    expect(auditActionLabel(en, 'toString')).toBe('toString');
  });

  it('names the target, with the customer’s name for a conversation it knows', () => {
    expect(auditTargetLabel(en, entry(1), names)).toBe('Conversation · Zhang Wei');
    expect(auditTargetLabel(en, entry(1, { targetId: 'c404' }), names)).toBe('Conversation · c404');
    expect(auditTargetLabel(en, entry(1, { targetType: 'audit_log', targetId: null }), names)).toBe('Audit log');
    expect(auditTargetLabel(en, entry(1, { targetType: 'webhook', targetId: 'w1' }), names)).toBe('webhook · w1');
  });

  it('reads details as labelled values, colleagues by name, empty values left out', () => {
    const details = {
      previousAssigneeId: 'wang',
      assigneeId: 'sup-9',
      offeredTo: null,
      reason: 'customer asked for a manager',
      mentions: ['li', 'wang'],
      attempts: 2,
      extra: { a: 1 },
    };
    expect(auditDetails(en, details, names)).toEqual([
      { label: 'Previous agent', value: '王芳' },
      { label: 'Now with', value: 'sup-9' },
      { label: 'Reason', value: 'customer asked for a manager' },
      { label: 'Mentioned', value: '李雷, 王芳' },
      { label: 'attempts', value: '2' },
      { label: 'extra', value: 'a: 1' },
    ]);
  });

  it('reads a sensitive-word change in words: the entry by its pattern, its type and action named, the values before on one line', () => {
    const change = entry(7, {
      action: 'sensitive_word.update',
      targetType: 'sensitive_word',
      targetId: 'w-uuid',
      details: { pattern: 'idiot', kind: 'word', action: 'block', previous: { kind: 'word', action: 'alert', pattern: 'idiot' } },
    });
    expect(auditTargetLabel(en, change, names)).toBe('Sensitive word · idiot');
    expect(auditDetails(en, change.details, names)).toEqual([
      { label: 'Pattern', value: 'idiot' },
      { label: 'Type', value: 'Word' },
      { label: 'Action', value: 'Block the reply' },
      { label: 'Before', value: 'Type: Word · Action: Send and alert · Pattern: idiot' },
    ]);
    expect(auditDetails(zh, { action: 'mask' }, names)).toEqual([{ label: '处理方式', value: '打码后发送' }]);
  });

  it('adds a further page below, newest first, without showing an entry twice', () => {
    const first = [entry(30), entry(29), entry(28)];
    const next = appendAuditPage(first, [entry(28), entry(27), entry(26)]);
    expect(next.map((e) => e.id)).toEqual([30, 29, 28, 27, 26]);
  });
});

describe('saving the audit export', () => {
  it('marks the file as UTF-8 once so spreadsheets read Chinese names', () => {
    const file = csvDownload('audit-2025-01-01.csv', 'id,actor_name\r\n1,王芳\r\n');
    expect(file.filename).toBe('audit-2025-01-01.csv');
    expect(file.body.startsWith('\uFEFFid,actor_name')).toBe(true);
    expect(csvDownload('a.csv', file.body).body).toBe(file.body);
    expect(file.type).toBe('text/csv;charset=utf-8');
  });

  it('keeps the file name safe on every desktop', () => {
    expect(csvDownload('../etc/passwd', '').filename).toBe('.._etc_passwd.csv');
    expect(csvDownload('', '').filename).toBe('audit.csv');
    expect(csvDownload('audit: 2025', '').filename).toBe('audit_ 2025.csv');
  });
});

describe('team and settings changes in the audit log', () => {
  it('names role changes, user changes and settings changes in the UI’s language', () => {
    expect(auditActionLabel(en, 'user.role_change')).toBe('Changed a role');
    expect(auditActionLabel(zh, 'user.create')).toBe('添加了成员');
    expect(auditActionLabel(en, 'settings.update')).toBe('Changed settings');
    expect(auditTargetLabel(en, { targetType: 'skill_group', targetId: 'g1', details: { group: '售前 Pre-sales' } })).toBe('Skill group · 售前 Pre-sales');
    expect(auditTargetLabel(en, { targetType: 'settings', targetId: 'account-1' })).toBe('Settings');
    expect(auditTargetLabel(en, { targetType: 'user', targetId: 'u9', details: { name: 'Emma' } })).toBe('User · Emma');
  });

  it('shows the values before and after a change, roles and always-open hours in words', () => {
    expect(auditDetails(en, { after: { role: 'supervisor' }, before: { role: 'agent' }, name: 'Emma' })).toEqual([
      { label: 'Name', value: 'Emma' },
      { label: 'Before', value: 'Role: Agent' },
      { label: 'After', value: 'Role: Supervisor' },
    ]);
    expect(auditDetails(zh, { after: { autoAwaySeconds: 300 }, before: { autoAwaySeconds: 600, businessHours: 'always' } })).toEqual([
      { label: '修改前', value: '自动离开时间（秒）: 600 · 营业时间: 全天营业' },
      { label: '修改后', value: '自动离开时间（秒）: 300' },
    ]);
    expect(auditDetails(en, { before: { maskPersonalData: true }, after: { maskPersonalData: false } })).toEqual([
      { label: 'Before', value: 'Mask card, ID and phone numbers in agents’ replies: true' },
      { label: 'After', value: 'Mask card, ID and phone numbers in agents’ replies: false' },
    ]);
  });
});
