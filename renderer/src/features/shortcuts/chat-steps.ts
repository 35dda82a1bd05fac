import type { InboxConversation } from '../../../../shared/contract';

/** The conversation `step` rows from the open one in the list (the first or last when none is open); null at either end. */
export function stepChat(shown: readonly InboxConversation[], selectedId: string | null, step: 1 | -1): string | null {
  if (shown.length === 0) return null;
  const at = shown.findIndex((c) => c.id === selectedId);
  if (at < 0) return (step === 1 ? shown[0] : shown.at(-1))!.id;
  return shown[at + step]?.id ?? null;
}

/** The next conversation with unread messages after the open one, going round to the top. */
export function nextUnread(shown: readonly InboxConversation[], selectedId: string | null): string | null {
  const at = shown.findIndex((c) => c.id === selectedId);
  for (let i = 1; i <= shown.length; i++) {
    const candidate = shown[(at + i + shown.length) % shown.length]!;
    if (candidate.unread > 0 && candidate.id !== selectedId) return candidate.id;
  }
  return null;
}
