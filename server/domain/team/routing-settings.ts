import { weekdays, type BusinessHours } from '../../../shared/business-hours';
import { AppError } from '../../../shared/errors';
import type { ManagedGroup, RoutingSettings, RoutingSettingsView, SettingsSave } from '../../../shared/team-admin';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import type { Viewer } from '../conversations/permissions';
import { loadGroups, loadSettings } from '../routing/routing-repository';
import { requireAdmin } from './require-admin';

/** The account's skill groups with their capacity and business hours. */
export async function listManagedGroups(db: Queryable, accountId: string): Promise<ManagedGroup[]> {
  return (await loadGroups(db, accountId)).map((g) => ({
    id: g.id, name: g.name, maxChatsPerAgent: g.maxChatsPerAgent, businessHours: g.hours,
    overflowAfterSeconds: g.overflowAfterSeconds, overflowTarget: g.overflowTarget,
  }));
}

async function settingsView(db: Queryable, accountId: string): Promise<RoutingSettingsView> {
  const settings = await loadSettings(db, accountId);
  if (!settings) throw new AppError('not_found', 'this account no longer exists');
  return { settings, groups: await listManagedGroups(db, accountId) };
}

/** Admins: the account's routing timings and every group's capacity and hours. */
export async function getRoutingSettings(db: Queryable, admin: Viewer): Promise<RoutingSettingsView> {
  requireAdmin(admin, 'read the routing settings');
  return settingsView(db, admin.accountId);
}

/** Hours in one order (weekdays Monday first, closed days left out), so equal hours compare and store equal. */
export function canonicalHours(hours: BusinessHours | null): BusinessHours | null {
  if (!hours) return null;
  const days: BusinessHours['days'] = {};
  for (const day of weekdays) {
    const intervals = hours.days[day];
    if (intervals && intervals.length > 0) days[day] = intervals.map(([start, end]) => [start, end] as [string, string]);
  }
  return { timezone: hours.timezone.trim(), days };
}

/**
 * Hours in one line for the audit log: "Asia/Shanghai mon 09:00–18:00 · sat 10:00–16:00";
 * 'always' when there are none (always open), 'closed' when no day has any.
 */
export function hoursLine(hours: BusinessHours | null): string {
  const canonical = canonicalHours(hours);
  if (!canonical) return 'always';
  const days = weekdays
    .filter((day) => canonical.days[day])
    .map((day) => `${day} ${canonical.days[day]!.map(([start, end]) => `${start}–${end}`).join(', ')}`);
  return days.length === 0 ? `${canonical.timezone} closed` : `${canonical.timezone} ${days.join(' · ')}`;
}

const accountKeys = [
  'autoAwaySeconds', 'reconnectGraceSeconds', 'acceptTimeoutSeconds', 'reofferCooldownSeconds', 'escalateAfterSeconds',
] as const satisfies readonly (keyof RoutingSettings)[];

/**
 * Admins change routing settings; only what is given changes. Each changed target is audited as
 * `settings.update` with the changed keys before and after: the account's timings (target
 * `settings`), each group's capacity and hours (target `skill_group`). `changed` says whether
 * anything did, for the caller to tell routing and the desktops.
 */
export async function saveRoutingSettings(
  db: Db,
  admin: Viewer,
  input: SettingsSave,
): Promise<{ view: RoutingSettingsView; changed: boolean }> {
  requireAdmin(admin, 'change the routing settings');
  return db.transaction(async (tx) => {
    const [locked] = await tx.query<{ id: string }>('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [admin.accountId]);
    if (!locked) throw new AppError('not_found', 'this account no longer exists');
    const current = await settingsView(tx, admin.accountId);
    let changed = false;

    const was: Partial<RoutingSettings> = {};
    const becomes: Partial<RoutingSettings> = {};
    for (const key of accountKeys) {
      const value = input[key];
      if (value === undefined || value === current.settings[key]) continue;
      was[key] = current.settings[key];
      becomes[key] = value;
    }
    if (Object.keys(becomes).length > 0) {
      const next = { ...current.settings, ...becomes };
      await tx.query(
        `UPDATE accounts SET auto_away_seconds = $2, reconnect_grace_seconds = $3, accept_timeout_seconds = $4,
           reoffer_cooldown_seconds = $5, escalate_after_seconds = $6 WHERE id = $1`,
        [admin.accountId, next.autoAwaySeconds, next.reconnectGraceSeconds, next.acceptTimeoutSeconds, next.reofferCooldownSeconds,
          next.escalateAfterSeconds],
      );
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'settings', targetId: admin.accountId,
        details: { before: was, after: becomes },
      });
      changed = true;
    }

    const groups = new Map(current.groups.map((g) => [g.id, g]));
    for (const change of input.groups ?? []) {
      const group = groups.get(change.id);
      if (!group) throw new AppError('not_found', `There is no skill group ${change.id} in this team.`, { groupId: change.id });
      const groupWas: Record<string, unknown> = {};
      const groupBecomes: Record<string, unknown> = {};
      let maxChatsPerAgent = group.maxChatsPerAgent;
      let hours = canonicalHours(group.businessHours);
      if (change.maxChatsPerAgent !== undefined && change.maxChatsPerAgent !== group.maxChatsPerAgent) {
        groupWas.maxChatsPerAgent = group.maxChatsPerAgent;
        groupBecomes.maxChatsPerAgent = change.maxChatsPerAgent;
        maxChatsPerAgent = change.maxChatsPerAgent;
      }
      let overflowAfterSeconds = group.overflowAfterSeconds;
      let overflowTarget = group.overflowTarget;
      if (change.overflowAfterSeconds !== undefined && change.overflowAfterSeconds !== group.overflowAfterSeconds) {
        groupWas.overflowAfterSeconds = group.overflowAfterSeconds;
        groupBecomes.overflowAfterSeconds = change.overflowAfterSeconds;
        overflowAfterSeconds = change.overflowAfterSeconds;
      }
      if (change.overflowTarget !== undefined && change.overflowTarget !== group.overflowTarget) {
        const target = change.overflowTarget;
        if (target !== null && target !== 'any') {
          if (target === group.id) throw new AppError('bad_request', `${group.name} cannot overflow to itself.`, { groupId: group.id });
          if (!groups.has(target)) throw new AppError('not_found', `There is no skill group ${target} in this team.`, { groupId: target });
        }
        // Audited by name, as a reader of the log knows the groups.
        const named = (id: string | null) => (id === null || id === 'any' ? id : (groups.get(id)?.name ?? id));
        groupWas.overflowTarget = named(group.overflowTarget);
        groupBecomes.overflowTarget = named(target);
        overflowTarget = target;
      }
      if (change.businessHours !== undefined) {
        const next = canonicalHours(change.businessHours);
        if (JSON.stringify(next) !== JSON.stringify(hours)) {
          groupWas.businessHours = hoursLine(hours);
          groupBecomes.businessHours = hoursLine(next);
          hours = next;
        }
      }
      if (Object.keys(groupBecomes).length === 0) continue;
      await tx.query(
        `UPDATE skill_groups SET max_chats_per_agent = $2, business_hours = $3::jsonb, overflow_after_seconds = $4, overflow_target = $5
         WHERE id = $1`,
        [group.id, maxChatsPerAgent, hours === null ? null : JSON.stringify(hours), overflowAfterSeconds, overflowTarget],
      );
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: 'settings.update', targetType: 'skill_group', targetId: group.id,
        details: { group: group.name, before: groupWas, after: groupBecomes },
      });
      changed = true;
    }

    return { view: changed ? await settingsView(tx, admin.accountId) : current, changed };
  });
}
