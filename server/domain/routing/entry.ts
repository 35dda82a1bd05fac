import type { Lang, RoutingState } from '../../../shared/domain';
import { isOpenAt } from './business-hours';
import { closedNotice, groupByKeywords, scriptOf } from './classify';
import type { GroupInfo } from './routing-repository';

/** What the channel's config says about routing. */
export type ChannelRouting = { defaultGroupId: string | null; bot: boolean };

export function channelRouting(config: unknown): ChannelRouting {
  const c = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  return {
    defaultGroupId: typeof c.defaultGroupId === 'string' && c.defaultGroupId ? c.defaultGroupId : null,
    bot: c.bot === true,
  };
}

/** Where a new conversation starts: its group, its routing state and what the customer is told (if anything). */
export type Entry = { groupId: string | null; routingState: RoutingState; notice: string | null; lang: Lang };

/**
 * The skill group of a new conversation: the widget menu's choice, else the channel's default
 * group, else the first group with a keyword in the message, else none (the whole team).
 * Groups that do not exist in the account are ignored.
 */
export function chooseGroup(menuGroupId: string | null, channel: ChannelRouting, body: string, groups: readonly GroupInfo[]): string | null {
  const known = (id: string | null) => (id !== null && groups.some((g) => g.id === id) ? id : null);
  return known(menuGroupId) ?? known(channel.defaultGroupId) ?? groupByKeywords(body, groups);
}

/**
 * Whether a conversation entering the queue in `groupId` waits there or is left pending until the
 * group's business hours begin, and the notice the customer gets when it is pending.
 */
export function queueOrPending(groupId: string | null, groups: readonly GroupInfo[], now: number, lang: Lang): Omit<Entry, 'groupId'> {
  const group = groupId === null ? undefined : groups.find((g) => g.id === groupId);
  if (group && !isOpenAt(group.hours, now)) {
    return { routingState: 'pending', notice: closedNotice(lang, group.name), lang };
  }
  return { routingState: 'queued', notice: null, lang };
}

/** Where a conversation opened by `body` starts. With the bot on, it starts with the bot and nobody is offered it. */
export function chooseEntry(
  menuGroupId: string | null,
  channel: ChannelRouting,
  body: string,
  groups: readonly GroupInfo[],
  now: number,
): Entry {
  const groupId = chooseGroup(menuGroupId, channel, body, groups);
  const lang = scriptOf(body);
  if (channel.bot) return { groupId, routingState: 'bot', notice: null, lang };
  return { groupId, ...queueOrPending(groupId, groups, now, lang) };
}
