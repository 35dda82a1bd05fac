import { readReplyMaskPolicy, saveReplyMaskPolicy } from '../../domain/sensitive/reply-mask-policy';
import { deleteSensitiveWord, listSensitiveWords, saveSensitiveWord } from '../../domain/sensitive/sensitive-repository';
import type { AgentRequestContext } from './agent-request-context';

/** The sensitive word list and masking setting: read by every workstation, changed by admins (the repository checks the role). */
export function registerSensitiveRequests({ serve, user, services }: AgentRequestContext): void {
  const { db } = services;

  /** After a change: this node compiles the list again, and every workstation reads it again. */
  const changed = () => {
    services.sensitive.invalidate(user.accountId);
    void services.events.emit({ type: 'sensitive.words.changed', accountId: user.accountId });
  };

  serve('sensitive:list', async () => ({
    words: await listSensitiveWords(db, user.accountId),
    policy: await readReplyMaskPolicy(db, user.accountId),
  }));

  serve('sensitive:policy', async (payload) => {
    const { policy, changed: didChange } = await saveReplyMaskPolicy(db, user, payload);
    if (didChange) changed();
    return { policy };
  });

  serve('sensitive:save', async (payload) => {
    const word = await saveSensitiveWord(db, user, payload);
    changed();
    return { word };
  });

  serve('sensitive:delete', async ({ id }) => {
    const deleted = await deleteSensitiveWord(db, user, id);
    if (deleted) changed();
    return { deleted };
  });
}
