import { MAX_MESSAGE_LENGTH } from '../../../shared/domain';

/** A message the customer wrote that the server has not stored yet, as kept across reloads. */
export type PendingRecord = {
  clientId: string;
  body: string;
  groupId?: string;
  /** A file already kept by the server that the message sends (its text then the caption), with its name to show meanwhile. */
  upload?: { fileId: string; fileName: string };
};

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
    (r.body.trim() !== '' || isFile(r.upload)) &&
    (r.upload === undefined || isFile(r.upload)) &&
    r.body.length <= MAX_MESSAGE_LENGTH &&
    (r.groupId === undefined || typeof r.groupId === 'string')
  );
}

function isFile(value: unknown): value is PendingRecord['upload'] {
  const f = value as Record<string, unknown> | undefined;
  return typeof f === 'object' && f !== null && typeof f.fileId === 'string' && typeof f.fileName === 'string';
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
