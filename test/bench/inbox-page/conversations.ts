import type { InboxConversation } from '../../../shared/contract';
import type { ChannelKind } from '../../../shared/domain';

const channels: ChannelKind[] = ['widget', 'whatsapp', 'telegram', 'wechat', 'email', 'api'];
const names = ['张伟', 'Sarah Johnson', '刘洋', 'Michael Brown', '陈静', 'Olga Ivanova', '王磊', 'Priya Sharma'];
const previews = [
  '您好，我的订单 SO-{n} 还没有收到，能帮我查一下物流吗？',
  'Thanks! Order SO-{n} left our warehouse yesterday; tracking follows.',
  'Can I change the size of the shoes I ordered?',
  '发票抬头需要改成公司名称，可以吗？',
];

/** `n` conversations of a busy team: every channel, waiting and assigned ones, offers, labels, unread counts. */
export function benchConversations(n: number, me: string): InboxConversation[] {
  const start = Date.parse('2026-01-01T08:00:00.000Z');
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 37_000).toISOString();
    const state = i % 10;
    const queued = state < 2;
    const offered = state === 2;
    const mine = state >= 3 && state < 6;
    return {
      id: `c-${i}`,
      seq: i + 1,
      channelId: `ch-${i % channels.length}`,
      channelKind: channels[i % channels.length]!,
      contactId: `k-${i}`,
      contactName: `${names[i % names.length]} ${i}`,
      status: state === 9 ? 'resolved' : 'open',
      assigneeId: mine ? me : queued || offered ? null : 'u-other',
      assigneeName: mine ? '王芳' : queued || offered ? null : 'Emma Clark',
      lastMessageAt: at,
      lastMessagePreview: previews[i % previews.length]!.replace('{n}', String(10_000 + i)),
      lastMessageSenderType: i % 3 === 0 ? 'agent' : 'contact',
      createdAt: at,
      routingState: queued ? 'queued' : offered ? 'offered' : 'assigned',
      groupId: i % 4 === 0 ? 'g-1' : null,
      groupName: i % 4 === 0 ? '售后 After-sales' : null,
      priority: i % 17 === 0 ? 2 : 0,
      offeredToId: offered ? (i % 20 === 2 ? me : 'u-other') : null,
      offerExpiresAt: offered ? new Date(Date.now() + 600_000).toISOString() : null,
      waitingSince: queued || offered ? at : null,
      summary: null,
      access: 'full',
      unread: i % 3 === 0 ? 0 : i % 7,
      labels: i % 5 === 0 ? ['vip', '回头客'] : i % 5 === 1 ? ['new'] : [],
    };
  });
}
