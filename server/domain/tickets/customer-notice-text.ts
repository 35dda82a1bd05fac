import type { Lang } from '../../../shared/domain';
import type { TicketStatus } from '../../../shared/tickets';

/**
 * What the customer reads about their ticket, in the language they wrote in: the number when it
 * is opened, each status it moves to, and the mark on an agent's public reply.
 */

const STATUS: Record<Lang, Record<TicketStatus, string>> = {
  zh: { new: '新建', open: '已受理', in_progress: '处理中', waiting_on_customer: '等待您的回复', solved: '已解决', closed: '已关闭' },
  en: { new: 'new', open: 'open', in_progress: 'in progress', waiting_on_customer: 'waiting for your reply', solved: 'solved', closed: 'closed' },
};

export function ticketOpenedNotice(lang: Lang, number: number, subject: string): string {
  return lang === 'zh'
    ? `您的工单已创建，编号 #${number}（${subject}）。处理进展会在这里通知您。`
    : `Your ticket #${number} has been opened (${subject}). We will keep you posted here.`;
}

export function ticketStatusNotice(lang: Lang, number: number, status: TicketStatus, reopenDays: number): string {
  const label = STATUS[lang][status];
  if (lang === 'zh') {
    const more = status === 'solved' && reopenDays > 0 ? `如仍有问题，请在 ${reopenDays} 天内直接回复，工单会重新打开。` : '';
    return `您的工单 #${number} 状态已更新：${label}。${more}`;
  }
  const more = status === 'solved' && reopenDays > 0 ? ` If anything is still wrong, just reply here within ${reopenDays} days and we will reopen it.` : '';
  return `Your ticket #${number} is now ${label}.${more}`;
}

export function ticketReopenedNotice(lang: Lang, number: number): string {
  return lang === 'zh' ? `您的工单 #${number} 已重新打开，我们会继续处理。` : `Your ticket #${number} has been reopened; we are on it again.`;
}

/** The mark that starts an agent's public reply on a ticket, so the customer knows what it answers. */
export function ticketReplyMark(lang: Lang, number: number): string {
  return lang === 'zh' ? `【工单 #${number}】` : `[Ticket #${number}] `;
}
