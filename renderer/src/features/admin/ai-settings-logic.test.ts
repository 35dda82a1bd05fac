import { describe, expect, it } from 'vitest';
import type { AiSettingsView } from '../../../../shared/ai';
import { aiDraftOf, aiSettingsChange } from './ai-settings-logic';

const view: AiSettingsView = {
  baseUrl: 'https://api.example.com/v1', chatModel: 'chat', embeddingModel: 'embed', apiKeySet: true, timeoutMs: 4000,
  features: { hybridRetrieval: false, groundedAnswers: false, handoffSummary: false, replySuggestions: false }, updatedAt: null,
};

describe('the AI provider form', () => {
  it('sends only what changed, and keeps the stored key while the key field is empty', () => {
    const draft = { ...aiDraftOf(view), chatModel: ' gpt-4o-mini ', features: { ...view.features, groundedAnswers: true } };
    expect(aiSettingsChange(view, draft)).toEqual({ change: { chatModel: 'gpt-4o-mini', features: { groundedAnswers: true } }, problem: null });
    expect(aiSettingsChange(view, aiDraftOf(view)).change).toEqual({});
  });

  it('replaces the key when one is typed, and clears it only when asked', () => {
    expect(aiSettingsChange(view, { ...aiDraftOf(view), apiKey: 'sk-new' }).change).toEqual({ apiKey: 'sk-new' });
    expect(aiSettingsChange(view, { ...aiDraftOf(view), clearKey: true }).change).toEqual({ apiKey: null });
  });

  it('refuses a timeout outside 100–60000 ms', () => {
    expect(aiSettingsChange(view, { ...aiDraftOf(view), timeoutMs: '50' }).problem).toMatchObject({ field: 'timeoutMs' });
    expect(aiSettingsChange(view, { ...aiDraftOf(view), timeoutMs: 'soon' }).problem).toMatchObject({ field: 'timeoutMs' });
    expect(aiSettingsChange(view, { ...aiDraftOf(view), timeoutMs: '2500' }).change).toEqual({ timeoutMs: 2500 });
  });
});
