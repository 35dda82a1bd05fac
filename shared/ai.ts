import { z } from 'zod';
import { idSchema } from './domain';

/**
 * The optional AI provider (an OpenAI-compatible endpoint) as admins see and change it. The API
 * key is write-only: a view says whether one is set, never what it is.
 */

/** What the provider is used for; each off until an admin turns it on. */
export const aiFeaturesSchema = z.object({
  /** Embeddings of the customer's message beside the lexical search. */
  hybridRetrieval: z.boolean(),
  /** The chat model words the bot's answer from the article it picked (and cites it). */
  groundedAnswers: z.boolean(),
  /** A short summary for the agent when the bot hands a conversation over. */
  handoffSummary: z.boolean(),
  /** Suggested replies in the composer. */
  replySuggestions: z.boolean(),
}).strict();
export type AiFeatures = z.infer<typeof aiFeaturesSchema>;

export const AI_FEATURES_OFF: AiFeatures = { hybridRetrieval: false, groundedAnswers: false, handoffSummary: false, replySuggestions: false };

export const AI_TIMEOUT_DEFAULT_MS = 4000;
export const AI_TIMEOUT_MAX_MS = 60_000;

export const aiSettingsViewSchema = z.object({
  baseUrl: z.string(),
  chatModel: z.string(),
  embeddingModel: z.string(),
  /** Whether an API key is stored (its value never leaves the server). */
  apiKeySet: z.boolean(),
  timeoutMs: z.number().int().min(1).max(AI_TIMEOUT_MAX_MS),
  features: aiFeaturesSchema,
  updatedAt: z.string().nullable(),
});
export type AiSettingsView = z.infer<typeof aiSettingsViewSchema>;

const modelName = z.string().trim().max(200);

/**
 * A change to the settings: only the fields given change. `apiKey`: a string replaces the key,
 * null clears it, absent keeps it.
 */
export const aiSettingsChangeSchema = z.object({
  baseUrl: z.string().trim().max(500).optional(),
  chatModel: modelName.optional(),
  embeddingModel: modelName.optional(),
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  timeoutMs: z.number().int().min(100).max(AI_TIMEOUT_MAX_MS).optional(),
  features: aiFeaturesSchema.partial().strict().optional(),
}).strict();
export type AiSettingsChange = z.infer<typeof aiSettingsChangeSchema>;

/** Why a call to the provider failed: stable codes, shown to admins and counted. */
export const aiFailureCodeSchema = z.enum([
  'not_configured', 'timeout', 'unreachable', 'unauthorized', 'rate_limited', 'http_error', 'bad_response', 'no_article',
]);
export type AiFailureCode = z.infer<typeof aiFailureCodeSchema>;

/** The answer of "test connection": each model tried, ok or the failure's code. */
export const aiTestResultSchema = z.object({
  chat: z.object({ ok: z.boolean(), code: aiFailureCodeSchema.nullable(), message: z.string().nullable() }),
  embeddings: z.object({ ok: z.boolean(), code: aiFailureCodeSchema.nullable(), message: z.string().nullable(), dims: z.number().int().nullable() }),
});
export type AiTestResult = z.infer<typeof aiTestResultSchema>;

/** The composer's request for suggested replies to a conversation. */
export const aiSuggestRequestSchema = z.object({ conversationId: idSchema }).strict();

export const aiSuggestionSchema = z.object({
  text: z.string(),
  /** The knowledge article the suggestion rests on, when there is one. */
  articleId: idSchema.nullable(),
  articleTitle: z.string().nullable(),
});
export type AiSuggestion = z.infer<typeof aiSuggestionSchema>;

export const aiSuggestResultSchema = z.object({ suggestions: z.array(aiSuggestionSchema).max(3) });

/** What the workstation needs to know of the team's AI provider: which helpers agents see. */
export const aiStatusSchema = z.object({ replySuggestions: z.boolean() });
export type AiStatus = z.infer<typeof aiStatusSchema>;
