import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../../../shared/contract';
import { draft } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { startedWithOneConversation } from '../../testing/workstation-answers';
import { WorkstationHarness } from '../../testing/workstation-harness';

let h: WorkstationHarness;
/** The client core's saved drafts, as the fake answers drafts.get and drafts.save. */
let savedDrafts: Map<string, Draft>;

beforeEach(async () => {
  savedDrafts = new Map();
  h = await startedWithOneConversation(savedDrafts);
});

afterEach(() => h.stop());

const composerOf = (id: string) => h.stores.drafts.getState().byConversation[id];

describe('the composer\'s draft', () => {
  it('loads the saved draft when a conversation is selected', async () => {
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'half a reply' }));
    await h.open('c1');
    expect(h.fake.callsOf('drafts.get')).toEqual([{ conversationId: 'c1' }]);
    expect(composerOf('c1')).toMatchObject({ text: 'half a reply', loaded: true, reason: null });
  });

  it('saves 400 ms after the agent stops typing', async () => {
    await h.open('c1');
    h.controller.changeDraft('c1', 'Hel');
    h.timers.advance(200);
    h.controller.changeDraft('c1', 'Hello');
    h.timers.advance(399);
    // Another conversation's save, asked for now, is a barrier: a save of c1 started by the 399 ms
    // would reach the bridge before it (both wait behind an idle save queue).
    h.controller.changeDraft('c9', 'elsewhere');
    await h.controller.flushDraft('c9');
    expect(h.fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c9', body: 'elsewhere' }]);
    h.timers.advance(1);
    await h.fake.untilCalled('drafts.save', 2);
    expect(h.fake.callsOf('drafts.save').at(-1)).toEqual({ conversationId: 'c1', body: 'Hello' });
  });

  it('saves at once when the agent switches to another conversation', async () => {
    await h.open('c1');
    h.controller.changeDraft('c1', 'do not lose me');
    h.controller.selectConversation('c2');
    await h.fake.untilCalled('drafts.save');
    expect(h.fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'do not lose me' }]);
    expect(h.timers.pending).toBe(0);
  });

  it('flushAllDrafts saves everything still waiting for its debounce (page unload)', async () => {
    await h.open('c1');
    h.controller.changeDraft('c1', 'one');
    h.controller.changeDraft('c2', 'two');
    await h.controller.flushAllDrafts();
    expect(savedDrafts.get('c1')?.body).toBe('one');
    expect(savedDrafts.get('c2')?.body).toBe('two');
  });

  it('typing before the saved draft arrives is kept with it', async () => {
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'saved earlier' }));
    let release: () => void = () => {};
    h.fake.answer(
      'drafts.get',
      ({ conversationId }) =>
        new Promise<Draft | null>((resolve) => {
          release = () => resolve(savedDrafts.get(conversationId) ?? null);
        }),
    );
    h.controller.selectConversation('c1');
    h.controller.changeDraft('c1', 'quick');
    release();
    await untilStore(h.stores.drafts, (s) => s.byConversation.c1?.loaded === true, "c1's saved draft");
    expect(composerOf('c1')?.text).toBe('saved earlier\n\nquick');
    await h.controller.flushDraft('c1');
    expect(savedDrafts.get('c1')?.body).toBe('saved earlier\n\nquick');
  });
});

describe('draft.updated', () => {
  const reason = { code: 'reassigned' as const, message: 'reassigned', details: { assigneeName: '王芳' } };

  it('fills the composer with the returned reply and keeps the reason for the notice', async () => {
    await h.open('c1');
    h.fake.emit('draft.updated', { conversationId: 'c1', draft: draft({ conversationId: 'c1', body: 'Your refund is on its way', reason }) });
    expect(composerOf('c1')).toMatchObject({ text: 'Your refund is on its way', reason });
  });

  it('keeps typing the core had not saved yet, and saves the result', async () => {
    await h.open('c1');
    h.controller.changeDraft('c1', 'Hello');
    await h.controller.flushDraft('c1');
    h.controller.changeDraft('c1', 'Hello again'); // not saved yet
    savedDrafts.set('c1', draft({ conversationId: 'c1', body: 'Hello\n\nreturned reply', reason }));
    h.fake.emit('draft.updated', { conversationId: 'c1', draft: savedDrafts.get('c1') ?? null });
    expect(composerOf('c1')).toMatchObject({ text: 'Hello again\n\nreturned reply', reason });
    // The merged text is already on its way; this waits for that save without asking for another.
    await h.controller.flushDraft('c1');
    expect(savedDrafts.get('c1')?.body).toBe('Hello again\n\nreturned reply');
  });

  it('a draft deleted by the core empties a composer whose text was saved', async () => {
    await h.open('c1');
    h.controller.changeDraft('c1', 'sent elsewhere');
    await h.controller.flushDraft('c1');
    h.fake.emit('draft.updated', { conversationId: 'c1', draft: null });
    expect(composerOf('c1')).toMatchObject({ text: '', reason: null });
  });
});
