import { aiSettingsChangeSchema, type AiSettingsView, type AiTestResult } from '../../../shared/ai';
import type { User } from '../../../shared/domain';
import type { Db } from '../../db/db';
import { parseInput } from '../../http/parse-input';
import type { Clock } from '../../lib/clock';
import { recordAudit } from '../audit/audit-log';
import { AiCallError, chat, embed } from './ai-client';
import { endpointOf, type AiService } from './ai-service';
import { loadAiSettings, toAiSettingsView, writeAiSettings, type AiSettings } from './ai-settings-repository';
import { sealKey } from './key-seal';
import { normalizeProviderUrl } from './provider-url';
import { requireAdmin } from '../team/require-admin';

export type AiAdminDeps = { db: Db; secret: string; clock: Clock; ai: AiService };

/** The account's provider settings for an admin (the key only as set / not set). */
export async function getAiSettingsView(deps: AiAdminDeps, user: User): Promise<AiSettingsView> {
  requireAdmin(user, 'see the AI provider settings');
  return toAiSettingsView(await loadAiSettings(deps.db, user.accountId, deps.secret));
}

/**
 * Changes the settings (only the fields given): the URL checked (https, or http to this machine),
 * a new key sealed, null clearing it. Audited with what changed, never the key itself. Article
 * vectors are brought up to date in the background afterwards.
 */
export async function updateAiSettings(deps: AiAdminDeps, user: User, body: unknown): Promise<AiSettingsView> {
  requireAdmin(user, 'change the AI provider settings');
  const change = parseInput(aiSettingsChangeSchema, body);
  const baseUrl = change.baseUrl === undefined ? undefined : normalizeProviderUrl(change.baseUrl);
  const view = await deps.db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM ai_settings WHERE account_id = $1 FOR UPDATE', [user.accountId]);
    const before = await loadAiSettings(tx, user.accountId, deps.secret);
    const after = {
      baseUrl: baseUrl ?? before.baseUrl,
      chatModel: change.chatModel ?? before.chatModel,
      embeddingModel: change.embeddingModel ?? before.embeddingModel,
      timeoutMs: change.timeoutMs ?? before.timeoutMs,
      features: { ...before.features, ...change.features },
    };
    // The stored key goes only to the server it was given for: moving to another origin without a
    // new key clears it (else anyone able to change the URL could have it sent to their own server).
    const keyFor = change.apiKey === undefined && before.apiKey !== null && originOf(before.baseUrl) !== originOf(after.baseUrl) ? null : change.apiKey;
    const apiKeySealed = keyFor === undefined ? undefined : keyFor === null ? null : sealKey(keyFor, deps.secret);
    await writeAiSettings(tx, user.accountId, { ...after, apiKeySealed }, deps.clock());
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'ai.settings.update', targetType: 'ai_settings', targetId: user.accountId,
      details: auditDetails(before, after, keyFor),
    });
    return toAiSettingsView(await loadAiSettings(tx, user.accountId, deps.secret));
  });
  deps.ai.indexer.kick(user.accountId);
  return view;
}

const originOf = (url: string | null) => (url ? new URL(url).origin : null);

/** What the audit log keeps of a change: the settings that moved, and for the key only what happened to it. */
function auditDetails(before: AiSettings, after: Omit<AiSettings, 'apiKey' | 'apiKeyUnreadable' | 'updatedAt'>, apiKey: string | null | undefined): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const field of ['baseUrl', 'chatModel', 'embeddingModel', 'timeoutMs'] as const) {
    if (before[field] !== after[field]) changed[field] = after[field];
  }
  for (const [name, on] of Object.entries(after.features)) {
    if (before.features[name as keyof typeof before.features] !== on) changed[`features.${name}`] = on;
  }
  if (apiKey !== undefined) changed.apiKey = apiKey === null ? 'cleared' : 'replaced';
  return changed;
}

/** Tries both models with the stored settings: what works, and each failure's code. */
export async function testAiConnection(deps: AiAdminDeps, user: User): Promise<AiTestResult> {
  requireAdmin(user, 'test the AI provider');
  const settings = await loadAiSettings(deps.db, user.accountId, deps.secret);
  const endpoint = endpointOf(settings);
  const failure = (err: unknown) => {
    deps.ai.failed(err, 'testing the connection');
    return err instanceof AiCallError ? { code: err.code, message: err.message } : { code: 'http_error' as const, message: (err as Error).message };
  };
  let chatResult: AiTestResult['chat'];
  if (!settings.baseUrl || !settings.chatModel) chatResult = { ok: false, code: 'not_configured', message: 'no URL or chat model is set' };
  else {
    try {
      await chat(endpoint, settings.chatModel, [{ role: 'user', content: 'Reply with the word OK.' }], { maxTokens: 5 });
      chatResult = { ok: true, code: null, message: null };
    } catch (err) {
      chatResult = { ok: false, ...failure(err) };
    }
  }
  let embeddings: AiTestResult['embeddings'];
  if (!settings.baseUrl || !settings.embeddingModel) embeddings = { ok: false, code: 'not_configured', message: 'no URL or embedding model is set', dims: null };
  else {
    try {
      const [vector] = await embed(endpoint, settings.embeddingModel, ['connection test']);
      embeddings = { ok: true, code: null, message: null, dims: vector!.length };
    } catch (err) {
      embeddings = { ok: false, ...failure(err), dims: null };
    }
  }
  return { chat: chatResult, embeddings };
}
