// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import type { QueueStatus } from '../../../shared/protocol';
import { describeQueue, QueueLine } from './queue-status';

const en = widgetTranslator('en');
const zh = widgetTranslator('zh-CN');
const queued = (position: number | null, estimatedWaitSeconds: number | null = null): QueueStatus => ({
  state: 'queued', position, estimatedWaitSeconds, agentName: null, groupName: 'Billing',
});

describe('the queue line', () => {
  it('says when nobody is available or it is off-hours and asks for a message, with no place or estimate', () => {
    const nobody: QueueStatus = { ...queued(1, 30), estimatedWaitSeconds: null, availability: 'nobody_online' };
    expect(describeQueue(en, nobody)).toEqual({
      text: 'Nobody is available right now. Leave your message and we will answer you here as soon as someone is back.', wait: '',
    });
    expect(describeQueue(zh, nobody)?.text).toBe('现在没有客服在线。请留言，客服上线后会在这里回复您。');
    const away: QueueStatus = { state: 'pending', position: null, estimatedWaitSeconds: null, agentName: null, groupName: null, availability: 'off_hours' };
    expect(describeQueue(zh, away)?.text).toContain('请留言');
    document.body.innerHTML = '<main class="chat"><div class="chat__queue"><span class="chat__queue-text"></span><span class="chat__queue-group"></span></div></main>';
    const line = document.querySelector<HTMLElement>('.chat__queue')!;
    new QueueLine(document.querySelector<HTMLElement>('.chat')!, line, en).show(nobody);
    expect(line.getAttribute('data-availability')).toBe('nobody_online');
    expect(line.querySelector('.chat__queue-wait')).toBeNull();
  });

  it('says the place in the queue in English', () => {
    expect(describeQueue(en, queued(1))).toEqual({ text: 'You are number 1 in the queue', wait: '' });
    expect(describeQueue(en, queued(4, 240))).toEqual({ text: 'You are number 4 in the queue', wait: 'about 4 min' });
    expect(describeQueue(en, queued(null))?.text).toBe('You are in the queue');
  });

  it('says how many are ahead in Chinese, and that the customer is next', () => {
    expect(describeQueue(zh, queued(1))?.text).toBe('下一位就是您');
    expect(describeQueue(zh, queued(2))?.text).toBe('您前面还有 1 位');
    expect(describeQueue(zh, queued(5, 30))).toEqual({ text: '您前面还有 4 位', wait: '预计等待不到 1 分钟' });
  });

  it('names the agent once one is helping, and says when nobody is named', () => {
    const assigned = (agentName: string | null): QueueStatus => ({ state: 'assigned', position: null, estimatedWaitSeconds: null, agentName, groupName: null });
    expect(describeQueue(en, assigned('Wang Fang'))?.text).toBe('Wang Fang is helping you');
    expect(describeQueue(zh, assigned('王芳'))?.text).toBe('王芳 正在为您服务');
    expect(describeQueue(en, assigned(null))?.text).toBe('An agent is helping you');
  });

  it('shows the wait on its own span and the group while waiting', () => {
    document.body.innerHTML = '<main class="chat"><div class="chat__queue"><span class="chat__queue-text"></span><span class="chat__queue-group"></span></div></main>';
    const chat = document.querySelector<HTMLElement>('.chat')!;
    const line = document.querySelector<HTMLElement>('.chat__queue')!;
    new QueueLine(chat, line, en).show(queued(3, 125));
    expect(line.getAttribute('data-state')).toBe('queued');
    expect(line.getAttribute('data-position')).toBe('3');
    expect(line.querySelector('.chat__queue-text')!.textContent).toBe('You are number 3 in the queue · about 2 min');
    expect(line.querySelector('.chat__queue-wait')!.textContent).toBe('about 2 min');
    expect(line.querySelector('.chat__queue-group')!.textContent).toBe('Billing');
    expect(chat.classList.contains('chat--queue')).toBe(true);

    new QueueLine(chat, line, en).show({ state: 'assigned', position: null, estimatedWaitSeconds: null, agentName: 'Tom', groupName: 'Billing' });
    expect(line.hasAttribute('data-position')).toBe(false);
    expect(line.querySelector('.chat__queue-text')!.textContent).toBe('Tom is helping you');
    expect(line.querySelector('.chat__queue-group')!.textContent).toBe('');
  });
});
