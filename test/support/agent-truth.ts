import type { Conversation, Message } from '../../shared/domain';
import { connectAgent, login, request } from './server-fixture';

/** What the server says an agent may see right now, read over a fresh socket of their own. */
export async function serverViewFor(serverUrl: string, email: string, password = 'demo-agent') {
  const tokens = await login(serverUrl, email, password);
  const socket = await connectAgent(serverUrl, tokens.accessToken);
  try {
    const list = await request<{ conversations: Conversation[] }>(socket, 'conversations:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const threads = new Map<string, Message[]>();
    for (const c of list.data.conversations) {
      const thread = await request<{ messages: Message[] }>(socket, 'messages:list', { conversationId: c.id });
      if (!thread.ok) throw new Error(thread.error.message);
      threads.set(c.id, thread.data.messages);
    }
    return { conversations: list.data.conversations, threads, user: tokens.user };
  } finally {
    socket.close();
  }
}
