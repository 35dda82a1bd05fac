import { csatChannelKinds, type CsatChannelKind, type CsatSettings, type CsatSettingsSave } from '../../../shared/csat';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from '../team/require-admin';

/** What an account without a settings row has: surveys off, every channel ticked, the migration's default questions. */
export const DEFAULT_CSAT_SETTINGS: CsatSettings = {
  enabled: false,
  channelKinds: [...csatChannelKinds],
  questionZh: '请问您对本次服务满意吗？请打分（1–5 星）。',
  questionEn: 'How satisfied are you with the help you got? Please rate us from 1 to 5 stars.',
  linkValidDays: 7,
};

type Row = { enabled: boolean; channel_kinds: string[] | string; question_zh: string; question_en: string; link_valid_days: number };

/** PGlite and node-postgres both give text[] as an array; a literal `{a,b}` is read too. */
function kindsOf(value: string[] | string): CsatChannelKind[] {
  const list = Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return list.filter((k): k is CsatChannelKind => (csatChannelKinds as readonly string[]).includes(k));
}

/** The account's survey settings (the defaults when an admin never saved any). */
export async function readCsatSettings(db: Queryable, accountId: string): Promise<CsatSettings> {
  const rows = await db.query<Row>(
    'SELECT enabled, channel_kinds, question_zh, question_en, link_valid_days FROM csat_settings WHERE account_id = $1',
    [accountId],
  );
  const row = rows[0];
  if (!row) return { ...DEFAULT_CSAT_SETTINGS, channelKinds: [...DEFAULT_CSAT_SETTINGS.channelKinds] };
  return {
    enabled: row.enabled,
    channelKinds: kindsOf(row.channel_kinds),
    questionZh: row.question_zh,
    questionEn: row.question_en,
    linkValidDays: Number(row.link_valid_days),
  };
}

/** Admins: the survey settings; with `save`, changes them first (audited with before and after when they changed). */
export async function csatSettings(db: Db, admin: Viewer, save?: CsatSettingsSave): Promise<CsatSettings> {
  requireAdmin(admin, 'manage the satisfaction survey');
  if (!save) return readCsatSettings(db, admin.accountId);
  const kinds = csatChannelKinds.filter((k) => save.channelKinds.includes(k));
  await db.transaction(async (tx) => {
    const before = await readCsatSettings(tx, admin.accountId);
    await tx.query(
      `INSERT INTO csat_settings (account_id, enabled, channel_kinds, question_zh, question_en, link_valid_days, updated_at)
       VALUES ($1, $2, $3::text[], $4, $5, $6, now())
       ON CONFLICT (account_id) DO UPDATE SET enabled = $2, channel_kinds = $3::text[], question_zh = $4, question_en = $5,
         link_valid_days = $6, updated_at = now()`,
      [admin.accountId, save.enabled, kinds, save.questionZh, save.questionEn, save.linkValidDays],
    );
    const after = { ...save, channelKinds: kinds };
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, { accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'csat_settings', targetId: null, details: { before, after } });
    }
  });
  return readCsatSettings(db, admin.accountId);
}
