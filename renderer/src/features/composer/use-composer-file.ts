import type { ChannelKind } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { outboundFileRefusal } from '../../../../shared/outbound-files';
import { useComposerFilesStore, type ComposerFile } from '../../stores/composer-files-store';

export type { ComposerFile };

/**
 * Why `file` cannot go out on `channel` (the channel's own limits, checked before any upload), as
 * the error the composer shows; null when it may go.
 */
export function refuseFile(channel: ChannelKind, file: { type: string; size: number }): AppErrorShape | null {
  return outboundFileRefusal(channel, file.type || 'application/octet-stream', file.size);
}

/**
 * The composer's file in `conversationId`: one a message, checked against the channel's limits
 * when picked, pasted or dropped; a refused one never replaces the one held, and the typed text is
 * never touched. It stays with its conversation when the agent switches to another and back.
 */
export function useComposerFile(conversationId: string | null, channel: ChannelKind | null) {
  const file = useComposerFilesStore((s) => (conversationId ? s.byConversation[conversationId] ?? null : null));
  const error = useComposerFilesStore((s) => (conversationId ? s.errors[conversationId] ?? null : null));
  const { attach, setError, remove } = useComposerFilesStore.getState();

  async function pick(picked: File): Promise<void> {
    if (!channel || !conversationId) return;
    const refusal = refuseFile(channel, picked);
    if (refusal) {
      setError(conversationId, refusal);
      return;
    }
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      attach(conversationId, { name: picked.name || 'file', size: picked.size, mimeType: picked.type || 'application/octet-stream', bytes });
    } catch (err) {
      setError(conversationId, toAppError(err).toJSON());
    }
  }

  return {
    file,
    error,
    /** Sets (or clears) the error shown in the composer of `id`. */
    setError: (id: string, next: AppErrorShape | null) => setError(id, next),
    pick: (picked: File) => void pick(picked),
    /** Drops the file of `id` (the conversation shown when omitted). */
    remove(id: string | null = conversationId) {
      if (id) remove(id);
    },
  };
}
