import type { AiSettingsChange, AiSettingsView, AiSuggestion, AiTestResult } from '../../../shared/ai';
import type { SwitchboardBridge } from '../../../shared/contract';
import { createCall } from '../bridge/call';

/** What the AI provider screens ask of the client core: each read live from the server. */
export interface AiController {
  /** Admins: the provider settings (the key only as set / not set). */
  settings(): Promise<AiSettingsView>;
  /** Admins: changes the settings; throws an AppError the form shows. */
  save(change: AiSettingsChange): Promise<AiSettingsView>;
  /** Admins: tries both models with the saved settings. */
  test(): Promise<AiTestResult>;
  /** Suggested replies for a conversation; throws `conflict` when the team has them off. */
  suggest(conversationId: string): Promise<AiSuggestion[]>;
}

export function createAiController(bridge: SwitchboardBridge): AiController {
  const call = createCall(bridge);
  return {
    settings: () => call('ai.settings', {}),
    save: (change) => call('ai.saveSettings', change),
    test: () => call('ai.test', {}),
    suggest: async (conversationId) => (await call('ai.suggest', { conversationId })).suggestions,
  };
}
