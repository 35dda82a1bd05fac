import type { ContractHandlers, EventSink } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AgentPush, AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import type { Workspace } from './workspace';

/** The part of the connection supervision needs. */
export interface SupervisionTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

type SupervisionMethods =
  | 'notes.add'
  | 'conversations.takeover'
  | 'conversations.join'
  | 'activity.set'
  | 'activity.list'
  | 'audit.list'
  | 'audit.export'
  | 'sensitive.list'
  | 'sensitive.save'
  | 'sensitive.delete'
  | 'sensitive.policy'
  | 'sensitive.savePolicy';

const AUDIT_PAGE = 50;

/**
 * Notes and whispers, takeover and barge-in, who is viewing or typing, the audit log and the
 * sensitive word list. The server checks every permission; these only carry the requests.
 */
export function supervisionHandlers(
  transport: SupervisionTransport,
  current: () => Promise<Workspace>,
): Pick<ContractHandlers, SupervisionMethods> {
  const online = <T>(what: string, run: () => Promise<T>): Promise<T> => {
    if (!transport.isOnline()) return Promise.reject(new AppError('offline', `${what} needs the connection`));
    return run();
  };
  return {
    'notes.add': async ({ conversationId, body, mentions }) =>
      (await current()).inbox.addNote(conversationId, body, mentions),
    'conversations.takeover': async ({ conversationId, toUserId, reason }) =>
      (await current()).inbox.act('conversation:takeover', {
        conversationId,
        ...(toUserId ? { toUserId } : {}),
        ...(reason ? { reason } : {}),
      }),
    'conversations.join': async ({ conversationId }) => (await current()).inbox.act('conversation:join', { conversationId }),
    // Activity is a courtesy to colleagues: offline there is no one to tell.
    'activity.set': async ({ conversationId, state, preview, toCustomer }) => {
      if (!transport.isOnline()) return {};
      return transport.request('activity:set', {
        conversationId,
        state,
        ...(preview !== undefined ? { preview } : {}),
        ...(toCustomer ? { toCustomer } : {}),
      });
    },
    'activity.list': async ({ conversationId }) => {
      if (!transport.isOnline()) return [];
      return (await transport.request('activity:list', { conversationId })).activity;
    },
    'audit.list': ({ query, before }) =>
      online('The audit log', () =>
        transport.request('audit:list', {
          limit: AUDIT_PAGE,
          ...(query ? { query } : {}),
          ...(before !== undefined ? { before } : {}),
        }),
      ),
    'audit.export': ({ query }) =>
      online('Exporting the audit log', () => transport.request('audit:export', query ? { query } : {})),
    'sensitive.list': async () => (await current()).catalog.sensitiveWords(),
    'sensitive.save': (word) =>
      online('Changing sensitive words', async () => {
        const { word: saved } = await transport.request('sensitive:save', word);
        await (await current()).catalog.refreshSensitiveWords();
        return saved;
      }),
    'sensitive.delete': ({ id }) =>
      online('Changing sensitive words', async () => {
        const result = await transport.request('sensitive:delete', { id });
        await (await current()).catalog.refreshSensitiveWords();
        return result;
      }),
    'sensitive.policy': async () => (await current()).catalog.replyMaskPolicy(),
    'sensitive.savePolicy': (policy) =>
      online('Changing how replies are masked', async () => {
        const { policy: saved } = await transport.request('sensitive:policy', policy);
        await (await current()).catalog.refreshSensitiveWords();
        return saved;
      }),
  };
}

/** The supervision pushes, passed on to the UI as contract events. */
export function supervisionPushes(emit: EventSink, workspace: () => Workspace | null) {
  return {
    // Mentions and takeovers are told at once and kept in the notification centre (a failed write only loses that entry).
    'note:mention': (p: AgentPush<'note:mention'>) => {
      emit('note.mentioned', p);
      void workspace()?.feed.add({ kind: 'mention', ...p }).catch(() => undefined);
    },
    'conversation:taken': (p: AgentPush<'conversation:taken'>) => {
      emit('conversation.taken', p);
      const opened = workspace();
      if (!opened) return;
      void opened.store
        .contactNameOf(p.conversationId)
        .then((contactName) => opened.feed.add({ kind: 'taken', ...p, contactName }))
        .catch(() => undefined);
    },
    'activity:update': (p: AgentPush<'activity:update'>) => emit('activity.changed', p),
    'team:member': (p: AgentPush<'team:member'>) => emit('team.member', p),
    'sensitive:alert': (p: AgentPush<'sensitive:alert'>) => emit('sensitive.alert', p),
    'queue:escalated': (p: AgentPush<'queue:escalated'>) => emit('queue.escalated', p),
    // A failed read leaves the old list; the next connect reads it again.
    'sensitive:changed': () => void workspace()?.catalog.refreshSensitiveWords().catch(() => undefined),
  };
}

/** Knowledge articles or quick replies changed on the server: the cache reads them again at once. */
export function catalogPushes(workspace: () => Workspace | null) {
  return {
    // A failed read leaves the old catalog; the next connect reads it again.
    'catalog:changed': () => void workspace()?.catalog.refresh().catch(() => undefined),
  };
}
