import { AppError } from '../../../shared/errors';
import { searchKnowledge } from '../../domain/knowledge/knowledge-search';
import { getConversationAccess } from '../../domain/conversations/conversation-repository';
import { loadMember } from '../../domain/conversations/member-repository';
import { canAct } from '../../domain/conversations/permissions';
import { detectLanguage } from '../../domain/bot/text/language';
import type { AgentRequestContext } from './agent-request-context';

/** Articles offered to the model beside the conversation. */
const SUGGESTION_ARTICLES = 3;

/**
 * The composer's reply suggestions: for a conversation the caller may answer, with the account's
 * reply suggestions on. The suggestions come back to the agent only; nothing is sent or stored.
 */
export function registerAiRequests({ serve, user, services }: AgentRequestContext): void {
  serve('ai:status', async () => {
    const settings = services.ai ? await services.ai.settings(user.accountId) : null;
    return { replySuggestions: Boolean(settings?.features.replySuggestions && settings.chatModel && settings.baseUrl) };
  });

  serve('ai:suggest', async ({ conversationId }) => {
    const access = await getConversationAccess(services.db, conversationId);
    if (!access || access.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
    // Suggestions are for replying: only someone who may answer this conversation asks for them.
    if (!canAct(await loadMember(services.db, user), access)) throw new AppError('forbidden', 'you cannot reply in this conversation');
    const ai = services.ai;
    const settings = ai ? await ai.settings(user.accountId) : null;
    if (!ai || !settings?.features.replySuggestions || !settings.chatModel || !settings.baseUrl) {
      throw new AppError('conflict', 'reply suggestions are turned off for this team');
    }
    const { index } = await services.knowledge.get(user.accountId);
    const suggestions = await ai.suggestReplies(
      settings, user.accountId, conversationId, index,
      (text) => (text ? searchKnowledge(index, text, { limit: SUGGESTION_ARTICLES }).map((h) => h.article) : []),
      (text) => detectLanguage(text) ?? 'zh',
    );
    if (!suggestions) throw new AppError('ai_unavailable', 'the AI provider did not answer; try again or write the reply yourself');
    return {
      suggestions: suggestions.map((s) => ({ text: s.text, articleId: s.article?.id ?? null, articleTitle: s.article?.title ?? null })),
    };
  });
}
