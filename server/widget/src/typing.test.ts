// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TYPING_TTL_MS } from '../../../shared/domain';
import { widgetTranslator } from '../../../shared/i18n/widget';
import { ManualTimers } from '../../lib/manual-timers';
import { TypingLine } from './typing-line';
import { TYPING_PAUSE_MS, TypingSignal } from './typing-signal';

describe("the customer's typing, as the agents are told", () => {
  function setup() {
    const timers = new ManualTimers();
    const said: boolean[] = [];
    const signal = new TypingSignal({ send: (typing) => said.push(typing), timers, now: timers.clock });
    return { timers, said, signal };
  }

  it('says "typing" at the first key and again at most every few seconds, never the text', () => {
    const { timers, said, signal } = setup();
    // A key every 250 ms for 5 s: the first one, then one repeat every 2.5 s.
    for (let i = 0; i <= 20; i++) {
      if (i > 0) timers.advance(250);
      signal.input('hello'.repeat(i + 1));
    }
    expect(said).toEqual([true, true, true]);
  });

  it('says "stopped" when the box is emptied, the message goes, or the keys pause', () => {
    const { timers, said, signal } = setup();
    signal.input('hi');
    signal.input('');
    expect(said).toEqual([true, false]);
    signal.input('again');
    signal.stop();
    expect(said).toEqual([true, false, true, false]);
    signal.input('and again');
    timers.advance(TYPING_PAUSE_MS);
    expect(said).toEqual([true, false, true, false, true, false]);
    signal.stop();
    expect(said).toHaveLength(6);
  });
});

describe('"An agent is typing…" in the widget', () => {
  it('shows while the agent types and lapses by itself when no repeat comes', () => {
    document.body.innerHTML = '<p class="chat__typing"></p>';
    const element = document.querySelector<HTMLElement>('.chat__typing')!;
    const timers = new ManualTimers();
    const line = new TypingLine(element, widgetTranslator('zh-CN'), timers);
    expect(element.hidden).toBe(true);
    line.show(true);
    expect(element.hidden).toBe(false);
    expect(element.textContent).toBe('客服正在输入…');
    timers.advance(TYPING_TTL_MS - 1_000);
    line.show(true);
    timers.advance(TYPING_TTL_MS - 1_000);
    expect(element.hidden).toBe(false);
    timers.advance(1_000);
    expect(element.hidden).toBe(true);
    line.show(true);
    line.show(false);
    expect(element.hidden).toBe(true);
  });
});
