import { describe, expect, it } from 'vitest';
import type { ConversationTag } from '../../../shared/conversation-tags';
import { planTagChange, requireOutcome } from './tag-rules';

const tag = (id: string, kind: ConversationTag['kind'], archived = false): ConversationTag => ({ id, name: id, kind, colour: null, archived, position: 0 });
const known = [tag('billing', 'reason'), tag('solved', 'outcome'), tag('refund', 'outcome'), tag('old', 'reason', true)];

describe('planTagChange', () => {
  it('adds what is new and removes what was left out', () => {
    expect(planTagChange(known, ['billing', 'refund'], ['billing', 'solved'])).toEqual({ add: ['solved'], remove: ['refund'] });
  });

  it('refuses an unknown tag and a second outcome', () => {
    expect(() => planTagChange(known, [], ['nope'])).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => planTagChange(known, [], ['solved', 'refund'])).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('refuses an archived tag as a new tag but keeps one already on the conversation', () => {
    expect(() => planTagChange(known, [], ['old'])).toThrow(expect.objectContaining({ code: 'tag_archived' }));
    expect(planTagChange(known, ['old'], ['old', 'solved'])).toEqual({ add: ['solved'], remove: [] });
  });
});

describe('requireOutcome', () => {
  it('asks for an outcome only when the account requires one', () => {
    expect(() => requireOutcome(false, known, [])).not.toThrow();
    expect(() => requireOutcome(true, known, ['billing'])).toThrow(expect.objectContaining({ code: 'outcome_required' }));
    expect(() => requireOutcome(true, known, ['billing', 'solved'])).not.toThrow();
  });
});
