import type { Queryable } from '../../db/db';
import type { Member, Viewer } from './permissions';

/** A signed-in user as the permission rules see them, with the skill groups they work in now. */
export async function loadMember(db: Queryable, user: Viewer): Promise<Member> {
  const rows = await db.query<{ skill_group_id: string }>(
    'SELECT skill_group_id FROM user_skill_groups WHERE user_id = $1 ORDER BY skill_group_id',
    [user.id],
  );
  return { id: user.id, accountId: user.accountId, role: user.role, groupIds: rows.map((r) => r.skill_group_id) };
}
