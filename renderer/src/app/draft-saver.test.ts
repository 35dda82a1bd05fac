import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, type DraftSaver } from './draft-saver';

let saves: [string, string][];
let saver: DraftSaver;
let failNext: number;
let errors: string[];

beforeEach(() => {
  vi.useFakeTimers();
  saves = [];
  errors = [];
  failNext = 0;
  saver = createDraftSaver({
    save: async (conversationId, body) => {
      await Promise.resolve();
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('disk full');
      }
      saves.push([conversationId, body]);
    },
    delayMs: 400,
    retryDelayMs: 5000,
    onError: (id) => errors.push(id),
  });
});

afterEach(() => {
  saver.reset();
  vi.useRealTimers();
});

describe('draft saving as the agent types', () => {
  it('saves once, 400 ms after the last keystroke', async () => {
    saver.change('c1', 'H');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('c1', 'He');
    await vi.advanceTimersByTimeAsync(300);
    saver.change('c1', 'Hey');
    await vi.advanceTimersByTimeAsync(399);
    expect(saves).toEqual([]);
    expect(saver.busy('c1')).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([['c1', 'Hey']]);
    expect(saver.busy('c1')).toBe(false);
    expect(saver.unsaved('c1')).toBeNull();
  });

  it('debounces each conversation on its own', async () => {
    saver.change('c1', 'one');
    await vi.advanceTimersByTimeAsync(200);
    saver.change('c2', 'two');
    await vi.advanceTimersByTimeAsync(200);
    expect(saves).toEqual([['c1', 'one']]);
    await vi.advanceTimersByTimeAsync(200);
    expect(saves).toEqual([
      ['c1', 'one'],
      ['c2', 'two'],
    ]);
  });

  it('flush saves at once and cancels the timer', async () => {
    saver.change('c1', 'switching away');
    await saver.flush('c1');
    expect(saves).toEqual([['c1', 'switching away']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toHaveLength(1);
  });

  it('flush with nothing new saves nothing, and flushAll saves every conversation', async () => {
    await saver.flush('never-typed');
    saver.change('c1', 'a');
    saver.change('c2', 'b');
    await saver.flushAll();
    await saver.flushAll();
    expect(saves.sort()).toEqual([
      ['c1', 'a'],
      ['c2', 'b'],
    ]);
  });

  it('keeps saves of one conversation in the order they were typed', async () => {
    saver.change('c1', 'first');
    const first = saver.flush('c1');
    saver.change('c1', 'first second');
    const second = saver.flush('c1');
    await Promise.all([first, second]);
    expect(saves).toEqual([
      ['c1', 'first'],
      ['c1', 'first second'],
    ]);
  });

  it('counts text as unsaved until the core confirmed it', async () => {
    saver.known('c1', 'Hello');
    saver.change('c1', 'Hello there');
    expect(saver.unsaved('c1')).toEqual({ saved: 'Hello', latest: 'Hello there' });
    const flushing = saver.flush('c1');
    expect(saver.unsaved('c1')).toEqual({ saved: 'Hello', latest: 'Hello there' });
    await flushing;
    expect(saver.unsaved('c1')).toBeNull();
  });

  it('known() drops the pending save: the core already holds that text', async () => {
    saver.change('c1', 'sent just now');
    saver.known('c1', '');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([]);
    // Typing back what the core holds needs no save either.
    saver.change('c1', '');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([]);
  });

  it('a failed save is reported and tried again, so nothing typed is lost', async () => {
    failNext = 1;
    saver.change('c1', 'important');
    await vi.advanceTimersByTimeAsync(400);
    expect(errors).toEqual(['c1']);
    expect(saves).toEqual([]);
    expect(saver.unsaved('c1')).toEqual({ saved: '', latest: 'important' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual([['c1', 'important']]);
    expect(saver.unsaved('c1')).toBeNull();
  });

  it('a flush after a failure tries again at once', async () => {
    failNext = 1;
    saver.change('c1', 'important');
    await saver.flush('c1');
    expect(saves).toEqual([]);
    await saver.flush('c1');
    expect(saves).toEqual([['c1', 'important']]);
  });

  it('reset cancels every pending save', async () => {
    saver.change('c1', 'other user');
    saver.reset();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([]);
  });
});
