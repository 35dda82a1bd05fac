import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { AUDIT_ACTIONS } from '../../../../shared/audit-actions';
import { appendAuditPage, auditActionKeys, auditActionLabel, auditDetails, auditTargetLabel, csvDownload, type AuditNames } from './audit-logic';

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

  it('has a sentence in both languages for every action the server writes', () => {
    const missing: string[] = [];
    for (const action of AUDIT_ACTIONS) {
      for (const [lang, t] of [['en', en], ['zh-CN', zh]] as const) {
        const label = auditActionLabel(t, action);
        if (!Object.hasOwn(auditActionKeys, action) || label === action || label.trim() === '') missing.push(`${lang}: ${action}`);
      }
    }
    expect(missing).toEqual([]);
    expect(auditActionLabel(en, 'channel.update')).toBe('Changed a channel');
    expect(auditActionLabel(zh, 'contact.tags')).toBe('修改了客户标签');
    // Each action reads differently from the others in the same language, apart from deliberate aliases.
    expect(new Set(AUDIT_ACTIONS.map((a) => auditActionLabel(zh, a))).size).toBe(AUDIT_ACTIONS.length);
  });

  it('shows an action it has no words for exactly as the server wrote it', () => {
    expect(auditActionLabel(en, 'channel.launch')).toBe('channel.launch');
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

  it('shows each changed field as before → after, roles and always-open hours in words', () => {
    expect(auditDetails(en, { after: { role: 'supervisor' }, before: { role: 'agent' }, name: 'Emma' })).toEqual([
      { label: 'Name', value: 'Emma' },
      { label: 'Role', value: 'Agent → Supervisor' },
    ]);
    expect(auditDetails(zh, { after: { autoAwaySeconds: 300, businessHours: 'always' }, before: { autoAwaySeconds: 600, businessHours: 'always' } })).toEqual([
      { label: '自动离开时间（秒）', value: '600 → 300' },
    ]);
    expect(auditDetails(en, { before: { maskPersonalData: true }, after: { maskPersonalData: false } })).toEqual([
      { label: 'Mask card, ID and phone numbers in agents’ replies', value: 'yes → no' },
    ]);
  });
});

describe('objects, whispers and changes in words', () => {
  it('names the target by the name the server joined, keeping the id out of the words', () => {
    expect(auditTargetLabel(en, entry(1, { targetType: 'channel', targetId: 'ch-uuid', targetLabel: 'WhatsApp Shop' }), names)).toBe('Channel · WhatsApp Shop');
    expect(auditTargetLabel(zh, entry(1, { targetType: 'conversation', targetId: 'c-uuid', targetLabel: '张伟' }), names)).toBe('会话 · 张伟');
    expect(auditTargetLabel(zh, entry(1, { targetType: 'conversation_tag', targetId: 't-uuid', targetLabel: '退款' }), names)).toBe('会话标签 · 退款');
    expect(auditTargetLabel(en, entry(1, { targetType: 'orders_connector', targetId: 'acct-1' }), names)).toBe('Order system connection');
  });

  it('reads a whisper as whom it was for in which customer’s chat, with its text, not a message id', () => {
    const whisper = entry(3, {
      action: 'whisper',
      targetLabel: '张伟',
      whisperText: 'offer the refund',
      details: { messageId: 'm-uuid', assigneeId: 'wang', mentions: [] },
    });
    expect(auditDetails(en, whisper.details, names, whisper)).toEqual([
      { label: 'Whisper', value: 'Whisper to 王芳 in the chat with 张伟' },
      { label: 'Note', value: 'offer the refund' },
    ]);
    expect(auditDetails(zh, whisper.details, names, whisper)[0]).toEqual({ label: '小纸条', value: '在与张伟的会话中给王芳发小纸条' });
  });

  it('leaves out the English default reason of a takeover, which the action already says', () => {
    const taken = entry(6, { action: 'takeover', details: { reason: 'taken over by 陈琳', assigneeId: 'wang' } });
    expect(auditDetails(zh, taken.details, names, taken)).toEqual([{ label: '现由', value: '王芳' }]);
    const given = entry(7, { action: 'takeover', details: { reason: 'VIP complaint' } });
    expect(auditDetails(en, given.details, names, given)).toEqual([{ label: 'Reason', value: 'VIP complaint' }]);
  });

  it('reads an imported team quick reply in Chinese: no field name, language, scope or yes/no left in English', () => {
    const imported = entry(8, {
      action: 'template.update',
      targetType: 'template',
      details: {
        shortcut: 'th', title: '退货', lang: 'zh', scope: 'team', imported: true,
        before: { body: '旧的说明', category: '' }, after: { body: '七天无理由退货', category: '售后' },
      },
    });
    expect(auditDetails(zh, imported.details, names, imported)).toEqual([
      { label: zh('audit.detail.shortcut'), value: 'th' },
      { label: '标题', value: '退货' },
      { label: '语言', value: '中文' },
      { label: zh('quick.scope'), value: zh('quick.team') },
      { label: '来自导入文件', value: '是' },
      { label: zh('quick.body'), value: '旧的说明 → 七天无理由退货' },
      { label: zh('quick.category'), value: '（空） → 售后' },
    ]);
  });

  it('labels a customer tag group as a tag group in its own words, not a skill group', () => {
    const tags = entry(4, { action: 'contact.tags', targetType: 'contact', details: { group: 'need', before: ['vip'], after: ['vip', 'refund'] } });
    expect(auditDetails(zh, tags.details, names, tags)).toEqual([
      { label: '标签组', value: '需求' },
      { label: '已修改', value: 'vip → vip, refund' },
    ]);
  });

  it('shows a channel change field by field and secrets only as changed', () => {
    const change = entry(5, {
      action: 'channel.update',
      targetType: 'channel',
      details: {
        changed: ['name', 'config'],
        before: { name: 'Shop', 'config.greeting': 'hi' },
        after: { name: 'Shop CN', 'config.greeting': null },
        secretsSet: ['appSecret'],
        secretsRemoved: [],
      },
    });
    expect(auditDetails(en, change.details, names, change)).toEqual([
      { label: 'appSecret', value: 'changed (not shown)' },
      { label: 'Name', value: 'Shop → Shop CN' },
      { label: 'greeting', value: 'hi → (empty)' },
    ]);
  });
});
