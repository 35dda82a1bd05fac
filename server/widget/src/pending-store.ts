import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';

/** A message the customer wrote that the server has not stored yet, as kept across reloads. */
export type PendingRecord = { clientId: string; body: string; groupId?: string };

const KEY = 'switchboard.pending';
/** More than this many unsent messages is not a conversation: the oldest are dropped. */
const MAX_KEPT = 50;

/** The customer's unsent messages in the order written, kept in localStorage per channel so a reload or a crash loses none. */
export interface PendingStore {
  load(): PendingRecord[];
  save(records: readonly PendingRecord[]): void;
}

function isRecord(value: unknown): value is PendingRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.clientId === 'string' &&
    /^[0-9a-f-]{36}$/i.test(r.clientId) &&
    typeof r.body === 'string' &&
    r.body.trim() !== '' &&
    r.body.length <= MAX_MESSAGE_LENGTH &&
    (r.groupId === undefined || typeof r.groupId === 'string')
  );
}

export function pendingStore(storage: Storage | undefined, channelId: string | undefined): PendingStore {
  const key = channelId ? `${KEY}:${channelId}` : KEY;
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
      } catch {
        // Unreadable or blocked storage: nothing was kept.
        return [];
      }
    },
    save(records) {
      try {
        if (records.length === 0) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(records.slice(-MAX_KEPT)));
      } catch {
        // Private mode or a full quota: the messages last this tab.
      }
    },
  };
}
