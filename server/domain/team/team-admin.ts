import { randomUUID } from 'node:crypto';
import type { Presence, Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ManagedUser, TeamView, UserCreate, UserSave } from '../../../shared/team-admin';
import type { Db, Queryable } from '../../db/db';
import { recordAudit } from '../audit/audit-log';
import { hashPassword } from '../auth/password';
import { endUserSessions } from '../auth/sign-in-sessions';
import type { Viewer } from '../conversations/permissions';
import { requireAdmin } from './require-admin';
import { listManagedGroups } from './routing-settings';

type ManagedUserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  max_chats: number;
  presence: Presence;
  deactivated_at: Date | string | null;
  group_ids: string[] | null;
};

const SELECT_USERS = `
  SELECT u.id, u.name, u.email, u.role, u.max_chats, u.presence, u.deactivated_at,
         (SELECT array_agg(g.skill_group_id ORDER BY g.skill_group_id) FROM user_skill_groups g WHERE g.user_id = u.id) AS group_ids
  FROM users u`;

function toManagedUser(row: ManagedUserRow): ManagedUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    maxChats: Number(row.max_chats),
    groupIds: row.group_ids ?? [],
    presence: row.deactivated_at === null ? row.presence : 'offline',
    active: row.deactivated_at === null,
  };
}

async function managedUser(db: Queryable, accountId: string, id: string): Promise<ManagedUser | null> {
  const rows = await db.query<ManagedUserRow>(`${SELECT_USERS} WHERE u.id = $1 AND u.account_id = $2`, [id, accountId]);
  return rows[0] ? toManagedUser(rows[0]) : null;
}

/** Admins: every user of the account, active ones first, by name; and the skill groups. */
export async function listTeam(db: Queryable, admin: Viewer): Promise<TeamView> {
  requireAdmin(admin, 'manage the team');
  const rows = await db.query<ManagedUserRow>(
    `${SELECT_USERS} WHERE u.account_id = $1 ORDER BY (u.deactivated_at IS NOT NULL), u.name, u.id`,
    [admin.accountId],
  );
  return { users: rows.map(toManagedUser), groups: await listManagedGroups(db, admin.accountId) };
}

/** The names of the account's groups with these ids; `bad_request` naming any that is not one of them. */
async function groupNames(db: Queryable, accountId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM skill_groups WHERE account_id = $1 AND id = ANY($2::text[])', [
    accountId,
    [...ids],
  ]);
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  const unknown = ids.find((id) => !byId.has(id));
  if (unknown !== undefined) throw new AppError('bad_request', `groupIds: there is no skill group ${unknown}`, { groupId: unknown });
  return ids.map((id) => byId.get(id)!);
}

async function setGroups(tx: Queryable, userId: string, groupIds: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM user_skill_groups WHERE user_id = $1', [userId]);
  if (groupIds.length > 0) {
    await tx.query('INSERT INTO user_skill_groups (user_id, skill_group_id) SELECT $1, unnest($2::text[])', [userId, [...groupIds]]);
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** What a save changed beyond the stored row, for the caller to apply to live connections and routing. */
export type UserSaveEffects = {
  /** The role changed: their open connections must end so they come back with it. */
  roleChanged: boolean;
  deactivated: boolean;
  /** Anything routing or the team board shows changed (role, capacity, groups, name, active). */
  changed: boolean;
};

/**
 * Admins change one user of their account; only the fields given change. Each kind of change is
 * audited with its values before and after: `user.role_change`, `user.update` (name, capacity,
 * groups), `user.deactivate` / `user.reactivate`. No change may leave the account without an
 * active admin (`conflict`). A deactivated user is offline at once and signed out everywhere.
 */
export async function saveUser(
  db: Db,
  admin: Viewer,
  input: UserSave,
  now: Date,
): Promise<{ user: ManagedUser; effects: UserSaveEffects }> {
  requireAdmin(admin, 'change users');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<ManagedUserRow>(`${SELECT_USERS} WHERE u.id = $1 AND u.account_id = $2 FOR UPDATE OF u`, [
      input.id,
      admin.accountId,
    ]);
    if (!row) throw new AppError('not_found', 'There is no such user in this team.');
    const before = toManagedUser(row);
    const role = input.role ?? before.role;
    const active = input.active ?? before.active;
    const losesAdmin = before.role === 'admin' && before.active && (role !== 'admin' || !active);
    if (losesAdmin) {
      // Every active admin's row is locked, so two admins demoting each other cannot both succeed.
      const admins = await tx.query<{ id: string }>(
        `SELECT id FROM users WHERE account_id = $1 AND role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`,
        [admin.accountId],
      );
      if (!admins.some((a) => a.id !== before.id)) {
        throw new AppError('conflict', 'This is the last admin of the team: make someone else an admin first.', { reason: 'last_admin' });
      }
    }

    const target = { accountId: admin.accountId, actorId: admin.id, targetType: 'user', targetId: before.id };
    if (role !== before.role) {
      await tx.query('UPDATE users SET role = $2 WHERE id = $1', [before.id, role]);
      await recordAudit(tx, {
        ...target, action: 'user.role_change',
        details: { name: before.name, before: { role: before.role }, after: { role } },
      });
    }

    const was: Record<string, unknown> = {};
    const becomes: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== before.name) {
      was.name = before.name;
      becomes.name = input.name;
    }
    if (input.maxChats !== undefined && input.maxChats !== before.maxChats) {
      was.maxChats = before.maxChats;
      becomes.maxChats = input.maxChats;
    }
    const groupsChanged = input.groupIds !== undefined && !sameSet(input.groupIds, before.groupIds);
    if (groupsChanged) {
      // Names, not ids: the entry stays readable after a group is renamed or removed.
      was.groups = await groupNames(tx, admin.accountId, before.groupIds);
      becomes.groups = await groupNames(tx, admin.accountId, input.groupIds!);
    }
    if (Object.keys(becomes).length > 0) {
      await tx.query('UPDATE users SET name = $2, max_chats = $3 WHERE id = $1', [
        before.id,
        input.name ?? before.name,
        input.maxChats ?? before.maxChats,
      ]);
      if (groupsChanged) await setGroups(tx, before.id, input.groupIds!);
      await recordAudit(tx, { ...target, action: 'user.update', details: { name: before.name, before: was, after: becomes } });
    }

    if (active !== before.active) {
      if (active) {
        await tx.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [before.id]);
      } else {
        // Offline with the grace period already over: the next routing run re-queues their chats.
        await tx.query(
          `UPDATE users u SET deactivated_at = $2, presence = 'offline', presence_changed_at = $2,
             disconnected_at = $2::timestamptz - make_interval(secs => a.reconnect_grace_seconds)
           FROM accounts a WHERE u.id = $1 AND a.id = u.account_id`,
          [before.id, now],
        );
        await endUserSessions(tx, before.id, now);
      }
      await recordAudit(tx, {
        ...target, action: active ? 'user.reactivate' : 'user.deactivate',
        details: { name: before.name, email: before.email },
      });
    }

    const user = await managedUser(tx, admin.accountId, before.id);
    if (!user) throw new Error('a saved user vanished inside its transaction');
    return {
      user,
      effects: {
        roleChanged: role !== before.role,
        deactivated: before.active && !active,
        changed: role !== before.role || active !== before.active || Object.keys(becomes).length > 0,
      },
    };
  });
}

const isDuplicate = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/** Admins add a user to their account with a first password; audited as `user.create` (without the password). */
export async function createUser(db: Db, admin: Viewer, input: UserCreate): Promise<ManagedUser> {
  requireAdmin(admin, 'add users');
  // Hash outside the transaction: scrypt is slow on purpose and needs no lock.
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const groupIds = input.groupIds ?? [];
  try {
    return await db.transaction(async (tx) => {
      const groups = await groupNames(tx, admin.accountId, groupIds);
      await tx.query(
        `INSERT INTO users (id, account_id, email, name, role, password_hash, max_chats) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, 5))`,
        [id, admin.accountId, input.email, input.name, input.role, passwordHash, input.maxChats ?? null],
      );
      await setGroups(tx, id, groupIds);
      const user = await managedUser(tx, admin.accountId, id);
      if (!user) throw new Error('a new user vanished inside its transaction');
      await recordAudit(tx, {
        accountId: admin.accountId, actorId: admin.id, action: 'user.create', targetType: 'user', targetId: id,
        details: { name: user.name, email: user.email, role: user.role, maxChats: user.maxChats, groups },
      });
      return user;
    });
  } catch (err) {
    if (isDuplicate(err)) throw new AppError('conflict', `${input.email} already has an account.`, { reason: 'email_taken' });
    throw err;
  }
}
