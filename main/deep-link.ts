import { notificationTargetSchema, type NotificationTarget } from '../shared/notifications';

/** `switchboard://conversation/<id>` and `switchboard://ticket/<id>` open that chat or ticket in the desktop. */
export const DEEP_LINK_SCHEME = 'switchboard';

/** The longest deep link read: anything longer is not one of ours. */
const MAX_LINK_LENGTH = 200;
/** Conversations and tickets are named by UUIDs. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a `switchboard://` link asks to open, or null for anything else (another scheme, another
 * kind of object, extra path parts, an id that is not one of ours). A link reaches the app from
 * any web page or document, so nothing in it is trusted beyond the one id, checked as the page's
 * own "open this" is (the conversation's or ticket's permissions are the server's, as ever).
 */
export function parseDeepLink(link: string): NotificationTarget | null {
  if (link.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username || url.password || url.port || url.search || url.hash) return null;
  // switchboard://conversation/<id>: the kind is the host, the id the only path part.
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length !== 1) return null;
  const id = parts[0]!;
  if (!UUID.test(id)) return null;
  const target = url.hostname === 'conversation' ? { conversationId: id } : url.hostname === 'ticket' ? { ticketId: id } : null;
  const parsed = target ? notificationTargetSchema.safeParse(target) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * The deep link a second launch (or the first, on Windows and Linux) was given on its command
 * line, if any: the operating system passes the clicked link as an argument.
 */
export function deepLinkInArgv(argv: readonly string[]): NotificationTarget | null {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}://`)) return parseDeepLink(arg);
  }
  return null;
}
