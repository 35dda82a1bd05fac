import { listTopics, topicDetail, topicTranscript } from '../../domain/topics/topic-queries';
import type { AgentRequestContext } from './agent-request-context';

const staffOnly = { roles: ['supervisor', 'admin'] as const, refusal: 'Only supervisors and admins can read topics.' };

/** Question clustering for supervisors and admins: the latest topics of a period, one topic's conversations, a run now. */
export function registerTopicRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, topics } = services;

  serve('topics:list', async ({ days }) => listTopics(db, user, days), staffOnly);

  serve('topics:get', async ({ topicId }) => topicDetail(db, user, topicId), staffOnly);

  serve('topics:conversation', async ({ topicId, conversationId }) => topicTranscript(db, user, topicId, conversationId), staffOnly);

  serve('topics:run', async ({ days }) => {
    if (!topics) throw new Error('the topic job is not running on this server');
    return { run: await topics.request(user.accountId, days, user.id) };
  }, staffOnly);
}
