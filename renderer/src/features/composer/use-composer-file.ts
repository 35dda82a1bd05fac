import { useState } from 'react';
import type { ChannelKind } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { checkOutboundFile, CHANNEL_NAMES, formatBytes } from '../../../../shared/outbound-files';
import type { PickedFile } from '../../app/workstation/files-controller';

/** The file waiting in the composer: what the preview shows and what the upload sends. */
export interface ComposerFile extends PickedFile {
  size: number;
  mimeType: string;
}

/**
 * Why `file` cannot go out on `channel` (the channel's own limits, checked before any upload), as
 * the error the composer shows; null when it may go.
 */
export function refuseFile(channel: ChannelKind, file: { type: string; size: number }): AppErrorShape | null {
  const mimeType = file.type || 'application/octet-stream';
  const verdict = checkOutboundFile(channel, mimeType, file.size);
  if (verdict.ok) return null;
  const details: Record<string, string> =
    verdict.code === 'attachment_too_large'
      ? { channel: CHANNEL_NAMES[channel], maxSize: formatBytes(verdict.maxBytes) }
      : { channel: CHANNEL_NAMES[channel], type: mimeType };
  return { code: verdict.code, message: `${CHANNEL_NAMES[channel]} refuses this file`, details };
}

/**
 * The composer's file: one a message, checked against the channel's limits when picked, pasted or
 * dropped; a refused one never replaces the one held, and the typed text is never touched.
 */
export function useComposerFile(channel: ChannelKind | null) {
  const [file, setFile] = useState<ComposerFile | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function pick(picked: File): Promise<void> {
    if (!channel) return;
    const refusal = refuseFile(channel, picked);
    if (refusal) {
      setError(refusal);
      return;
    }
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      setFile({ name: picked.name || 'file', size: picked.size, mimeType: picked.type || 'application/octet-stream', bytes });
      setError(null);
    } catch (err) {
      setError(toAppError(err).toJSON());
    }
  }

  return {
    file,
    error,
    setError,
    pick: (picked: File) => void pick(picked),
    remove() {
      setFile(null);
      setError(null);
    },
  };
}
