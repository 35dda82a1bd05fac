const TOKEN_KEY = 'switchboard.visitorToken';
const GROUP_KEY = 'switchboard.groupId';

/** What the widget remembers per channel: the visitor's token and the topic picked in the menu. */
export interface VisitorStorage {
  token(): string | undefined;
  saveToken(token: string | undefined): void;
  groupId(): string | undefined;
  saveGroupId(groupId: string | undefined): void;
}

function read(storage: Storage | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) || undefined;
  } catch {
    // Storage blocked by the browser: nothing was kept.
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: string | undefined): void {
  try {
    if (value) storage?.setItem(key, value);
    else storage?.removeItem(key);
  } catch {
    // Private mode: the value lasts this tab.
  }
}

/** Keys carry the channel, so one browser can chat on two shops' widgets as two visitors. */
export function visitorStorage(storage: Storage | undefined, channelId: string | undefined): VisitorStorage {
  const tokenKey = channelId ? `${TOKEN_KEY}:${channelId}` : TOKEN_KEY;
  const groupKey = channelId ? `${GROUP_KEY}:${channelId}` : GROUP_KEY;
  return {
    token: () => read(storage, tokenKey),
    saveToken: (token) => write(storage, tokenKey, token),
    groupId: () => read(storage, groupKey),
    saveGroupId: (groupId) => write(storage, groupKey, groupId),
  };
}
