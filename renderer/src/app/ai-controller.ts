import type { AiSettingsChange, AiSettingsView, AiSuggestion, AiTestResult } from '../../../shared/ai';
import type { SwitchboardBridge } from '../../../shared/contract';
import { toAppError } from '../../../shared/errors';
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
  /** Whether the composer offers suggestions; asked again at most once a minute, false when it cannot be known. */
  suggestionsOn(): Promise<boolean>;
}

const STATUS_FRESH_MS = 60_000;

export function createAiController(bridge: SwitchboardBridge, now: () => number = Date.now): AiController {
  const call = createCall(bridge);
  let status: { on: boolean; at: number } | null = null;
  return {
    async suggestionsOn() {
      if (status && now() - status.at < STATUS_FRESH_MS) return status.on;
      try {
        status = { on: (await call('ai.status', {})).replySuggestions, at: now() };
        return status.on;
      } catch {
        return false;
      }
    },
    settings: () => call('ai.settings', {}),
    save: (change) => call('ai.saveSettings', change),
    test: () => call('ai.test', {}),
    suggest: async (conversationId) => {
      try {
        return (await call('ai.suggest', { conversationId })).suggestions;
      } catch (err) {
        // Turned off since it was last asked: the composer stops offering them.
        if (toAppError(err).code === 'conflict') status = { on: false, at: now() };
        throw err;
      }
    },
  };
}
