import type { Db } from '../../server/db/db';
import type { CustomerRecord } from './soak-customers';

export type SoakReport = { figures: Record<string, number>; problems: string[] };

/**
 * Checks the run against the database after the server stopped: every message a customer wrote
 * is stored exactly once; every agent reply reached its customer, and none twice; every customer
 * was answered by a person, or was told nobody could answer and has their message stored.
 */
export async function checkSoak(
  db: Db,
  records: readonly CustomerRecord[],
  options: {
    apiChannelId: string;
    webhookDeliveries: ReadonlyMap<string, number>;
    /** While the whole team was off (ms since the epoch): a customer asking then must be told so. */
    nobodyOnline: { from: number; to: number };
  },
): Promise<SoakReport> {
  const problems: string[] = [];
  const storedKey = (r: CustomerRecord, id: string) => (r.channel === 'api' ? `ch:${options.apiChannelId}:${id}` : id);
  const keys = records.flatMap((r) => r.sent.map((id) => storedKey(r, id)));
  const counts = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.query<{ client_id: string; n: number }>(
      'SELECT client_id, count(*)::int AS n FROM messages WHERE client_id = ANY($1) GROUP BY client_id',
      [keys.slice(i, i + 500)],
    );
    for (const row of rows) counts.set(row.client_id, Number(row.n));
  }
  let lost = 0;
  let duplicated = 0;
  for (const r of records) {
    for (const id of r.sent) {
      const n = counts.get(storedKey(r, id)) ?? 0;
      if (n === 0) {
        lost += 1;
        problems.push(`customer ${r.index} (${r.channel}): message ${id} was never stored`);
      } else if (n > 1) {
        duplicated += 1;
        problems.push(`customer ${r.index} (${r.channel}): message ${id} stored ${n} times`);
      }
    }
  }

  // Agent replies, as stored, against what each customer received.
  const storedIds = [...new Set(records.flatMap((r) => [...r.stored.values()]))];
  const replies = await db.query<{ id: string; conversation_id: string; contact_message: string }>(
    `SELECT m.id, m.conversation_id, c.client_id AS contact_message
       FROM messages m JOIN messages c ON c.conversation_id = m.conversation_id AND c.sender_type = 'contact'
      WHERE m.sender_type = 'agent' AND NOT m.internal AND c.id = ANY($1)
        AND m.body LIKE '%#' || c.id`,
    [storedIds],
  );
  let repliesNotReceived = 0;
  let repliesReceivedTwice = 0;
  const byKey = new Map(records.flatMap((r) => r.sent.map((id) => [storedKey(r, id), r] as const)));
  for (const reply of replies) {
    const r = byKey.get(reply.contact_message);
    if (!r) continue;
    const times = r.channel === 'widget' ? (r.replies.get(reply.id) ?? 0) : (options.webhookDeliveries.get(reply.id) ?? 0);
    if (times === 0) {
      repliesNotReceived += 1;
      problems.push(`customer ${r.index} (${r.channel}): agent reply ${reply.id} never reached them`);
    } else if (times > 1) {
      repliesReceivedTwice += 1;
      problems.push(`customer ${r.index} (${r.channel}): agent reply ${reply.id} reached them ${times} times`);
    }
  }

  let answered = 0;
  let toldAndLeftMessage = 0;
  let stranded = 0;
  for (const r of records) {
    const leftMessage = r.sent.length >= 2 && (counts.get(storedKey(r, r.sent[1]!)) ?? 0) === 1;
    if (r.answered) answered += 1;
    else if (r.toldNobodyAvailable && leftMessage) toldAndLeftMessage += 1;
    else {
      stranded += 1;
      problems.push(`customer ${r.index} (${r.channel}): neither answered nor told that nobody is available`);
    }
  }
  // Asked while nobody was at work and not answered before the team came back: told so, honestly.
  let askedWhileNobodyOnline = 0;
  let notTold = 0;
  for (const r of records) {
    const askedAt = r.sent[1] === undefined ? undefined : r.storedAt.get(r.sent[1]);
    if (askedAt === undefined || askedAt < options.nobodyOnline.from || askedAt > options.nobodyOnline.to) continue;
    if (r.answeredAt !== null && r.answeredAt < options.nobodyOnline.to) continue;
    askedWhileNobodyOnline += 1;
    if (!r.toldNobodyAvailable) {
      notTold += 1;
      problems.push(`customer ${r.index} (${r.channel}): asked while nobody was online and was not told so`);
    }
  }
  const told = records.filter((r) => r.toldNobodyAvailable).length;
  return {
    figures: {
      customerMessages: keys.length, lost, duplicated, agentRepliesStored: replies.length, repliesNotReceived, repliesReceivedTwice,
      answered, toldNobodyAvailable: told, askedWhileNobodyOnline, askedWhileNobodyOnlineNotTold: notTold, toldAndLeftMessage, stranded, finishedChats: records.filter((r) => r.done).length,
    },
    problems,
  };
}
