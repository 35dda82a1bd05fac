import type { QueueStatus } from '../../../shared/protocol';
import type { WidgetTranslate } from '../../../shared/i18n/widget';

/** What the queue line says: the main text and, while waiting, the estimate (empty when unknown). */
export type QueueText = { text: string; wait: string };

/** The estimated wait in words, or '' when the server has no estimate. */
export function waitText(t: WidgetTranslate, seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return t('widget.queue.waitUnderMinute');
  return t('widget.queue.waitMinutes', { minutes: Math.max(1, Math.round(seconds / 60)) });
}

/**
 * The queue line's text for a status; null for a state the customer is told nothing about. When
 * no person can be expected, it says so and asks for a message, never a place or an estimate.
 */
export function describeQueue(t: WidgetTranslate, status: QueueStatus): QueueText | null {
  if (status.availability === 'nobody_online' && status.state === 'queued') return { text: t('widget.queue.nobodyOnline'), wait: '' };
  if (status.availability === 'off_hours' && status.state === 'pending') return { text: t('widget.queue.offHours'), wait: '' };
  switch (status.state) {
    case 'queued': {
      const text = status.position !== null && status.position > 0
        ? t('widget.queue.position', { position: status.position })
        : t('widget.queue.unknown');
      return { text, wait: waitText(t, status.estimatedWaitSeconds) };
    }
    case 'offered':
      return { text: t('widget.queue.offered'), wait: '' };
    case 'assigned':
      return { text: status.agentName ? t('widget.queue.assigned', { agentName: status.agentName }) : t('widget.queue.assignedUnnamed'), wait: '' };
    case 'bot':
      return { text: t('widget.queue.bot'), wait: '' };
    case 'pending':
      return { text: t('widget.queue.pending'), wait: '' };
    case 'resolved':
      return { text: t('widget.queue.resolved'), wait: '' };
  }
}

/** The skill group is named only while the customer waits for it. */
function showsGroup(status: QueueStatus): boolean {
  return status.state === 'queued' || status.state === 'offered' || status.state === 'pending';
}

/** The status bar above the messages: where the customer stands on the way to a person. */
export class QueueLine {
  constructor(
    private readonly chat: HTMLElement,
    private readonly line: HTMLElement,
    private readonly t: WidgetTranslate,
  ) {}

  /** Shows a status; false when it says nothing to show. */
  show(status: QueueStatus): boolean {
    const described = describeQueue(this.t, status);
    if (!described) return false;
    const text = this.line.querySelector<HTMLElement>('.chat__queue-text');
    const group = this.line.querySelector<HTMLElement>('.chat__queue-group');
    this.line.setAttribute('data-state', status.state);
    if (status.availability) this.line.setAttribute('data-availability', status.availability);
    else this.line.removeAttribute('data-availability');
    if (status.position !== null) this.line.setAttribute('data-position', String(status.position));
    else this.line.removeAttribute('data-position');
    if (text) {
      text.textContent = described.wait ? described.text + this.t('widget.queue.waitSeparator') : described.text;
      if (described.wait) {
        // The estimate stays on one line ("about 4 min") when the status wraps.
        const wait = text.ownerDocument.createElement('span');
        wait.className = 'chat__queue-wait';
        wait.textContent = described.wait;
        text.appendChild(wait);
      }
    }
    if (group) group.textContent = showsGroup(status) && status.groupName ? status.groupName : '';
    this.chat.classList.add('chat--queue');
    return true;
  }
}
