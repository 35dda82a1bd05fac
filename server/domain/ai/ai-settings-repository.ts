import { AI_FEATURES_OFF, AI_TIMEOUT_DEFAULT_MS, type AiFeatures, type AiSettingsView } from '../../../shared/ai';
import type { Queryable } from '../../db/db';
import { unsealKey } from './key-seal';

/** An account's provider settings as the server uses them (the key unsealed; never sent anywhere but the provider). */
export type AiSettings = {
  baseUrl: string;
  chatModel: string;
  embeddingModel: string;
  apiKey: string | null;
  /** A key is stored but could not be unsealed (the server's secret changed): treated as no key. */
  apiKeyUnreadable: boolean;
  timeoutMs: number;
  features: AiFeatures;
  updatedAt: string | null;
};

export const AI_SETTINGS_UNSET: AiSettings = {
  baseUrl: '', chatModel: '', embeddingModel: '', apiKey: null, apiKeyUnreadable: false, timeoutMs: AI_TIMEOUT_DEFAULT_MS, features: AI_FEATURES_OFF, updatedAt: null,
};

type Row = {
  base_url: string;
  chat_model: string;
  embedding_model: string;
  api_key_sealed: string | null;
  timeout_ms: number;
  hybrid_retrieval: boolean;
  grounded_answers: boolean;
  handoff_summary: boolean;
  reply_suggestions: boolean;
  updated_at: Date | string;
};

/** The account's settings; the defaults (nothing set, every feature off) when it has none. */
export async function loadAiSettings(db: Queryable, accountId: string, secret: string): Promise<AiSettings> {
  const rows = await db.query<Row>('SELECT * FROM ai_settings WHERE account_id = $1', [accountId]);
  const row = rows[0];
  if (!row) return AI_SETTINGS_UNSET;
  const apiKey = row.api_key_sealed ? unsealKey(row.api_key_sealed, secret) : null;
  return {
    baseUrl: row.base_url,
    chatModel: row.chat_model,
    embeddingModel: row.embedding_model,
    apiKey,
    apiKeyUnreadable: row.api_key_sealed !== null && apiKey === null,
    timeoutMs: Number(row.timeout_ms),
    features: {
      hybridRetrieval: row.hybrid_retrieval,
      groundedAnswers: row.grounded_answers,
      handoffSummary: row.handoff_summary,
      replySuggestions: row.reply_suggestions,
    },
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The settings as admins see them: whether a key is set, never the key. */
export function toAiSettingsView(s: AiSettings): AiSettingsView {
  return {
    baseUrl: s.baseUrl, chatModel: s.chatModel, embeddingModel: s.embeddingModel, apiKeySet: s.apiKey !== null,
    timeoutMs: s.timeoutMs, features: { ...s.features }, updatedAt: s.updatedAt,
  };
}

export type AiSettingsWrite = Omit<AiSettings, 'apiKey' | 'apiKeyUnreadable' | 'updatedAt'> & { apiKeySealed: string | null | undefined };

/** Stores the settings; `apiKeySealed` undefined keeps the stored key. */
export async function writeAiSettings(tx: Queryable, accountId: string, s: AiSettingsWrite, now: number): Promise<void> {
  await tx.query(
    `INSERT INTO ai_settings (account_id, base_url, chat_model, embedding_model, api_key_sealed, timeout_ms,
                              hybrid_retrieval, grounded_answers, handoff_summary, reply_suggestions, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (account_id) DO UPDATE SET
       base_url = EXCLUDED.base_url, chat_model = EXCLUDED.chat_model, embedding_model = EXCLUDED.embedding_model,
       api_key_sealed = CASE WHEN $12 THEN ai_settings.api_key_sealed ELSE EXCLUDED.api_key_sealed END,
       timeout_ms = EXCLUDED.timeout_ms, hybrid_retrieval = EXCLUDED.hybrid_retrieval, grounded_answers = EXCLUDED.grounded_answers,
       handoff_summary = EXCLUDED.handoff_summary, reply_suggestions = EXCLUDED.reply_suggestions, updated_at = EXCLUDED.updated_at`,
    [
      accountId, s.baseUrl, s.chatModel, s.embeddingModel, s.apiKeySealed ?? null, s.timeoutMs,
      s.features.hybridRetrieval, s.features.groundedAnswers, s.features.handoffSummary, s.features.replySuggestions, new Date(now),
      s.apiKeySealed === undefined,
    ],
  );
}
