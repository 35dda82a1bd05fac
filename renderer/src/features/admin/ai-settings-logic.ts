import type { AiFeatures, AiSettingsChange, AiSettingsView } from '../../../../shared/ai';

/** The AI provider form as typed: the key field empty means "keep the stored key". */
export type AiSettingsDraft = {
  baseUrl: string;
  chatModel: string;
  embeddingModel: string;
  apiKey: string;
  clearKey: boolean;
  timeoutMs: string;
  features: AiFeatures;
};

export const aiFeatureNames = ['hybridRetrieval', 'groundedAnswers', 'handoffSummary', 'replySuggestions'] as const satisfies readonly (keyof AiFeatures)[];

export function aiDraftOf(view: AiSettingsView): AiSettingsDraft {
  return {
    baseUrl: view.baseUrl, chatModel: view.chatModel, embeddingModel: view.embeddingModel, apiKey: '', clearKey: false,
    timeoutMs: String(view.timeoutMs), features: { ...view.features },
  };
}

export type AiDraftProblem = { field: 'timeoutMs'; key: 'aiAdmin.problem.timeout' } | null;

/** The change to send: only what differs from the saved settings; null and a problem when the draft cannot be sent. */
export function aiSettingsChange(view: AiSettingsView, draft: AiSettingsDraft): { change: AiSettingsChange; problem: AiDraftProblem } {
  const change: AiSettingsChange = {};
  if (draft.baseUrl.trim() !== view.baseUrl) change.baseUrl = draft.baseUrl.trim();
  if (draft.chatModel.trim() !== view.chatModel) change.chatModel = draft.chatModel.trim();
  if (draft.embeddingModel.trim() !== view.embeddingModel) change.embeddingModel = draft.embeddingModel.trim();
  if (draft.apiKey.trim()) change.apiKey = draft.apiKey.trim();
  else if (draft.clearKey && view.apiKeySet) change.apiKey = null;
  const timeout = /^\d+$/.test(draft.timeoutMs.trim()) ? Number(draft.timeoutMs.trim()) : NaN;
  if (!(timeout >= 100 && timeout <= 60_000)) return { change, problem: { field: 'timeoutMs', key: 'aiAdmin.problem.timeout' } };
  if (timeout !== view.timeoutMs) change.timeoutMs = timeout;
  const features: Partial<AiFeatures> = {};
  for (const name of aiFeatureNames) if (draft.features[name] !== view.features[name]) features[name] = draft.features[name];
  if (Object.keys(features).length > 0) change.features = features;
  return { change, problem: null };
}
