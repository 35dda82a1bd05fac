import { useMemo, useState } from 'react';
import type { ThreadMessage } from '../../../../shared/contract';
import type { Attachment } from '../../../../shared/domain';
import { formatBytes } from '../../../../shared/outbound-files';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useThreadStore } from '../../stores/thread-store';
import { fileView } from './file-kinds';
import { FileViewer, type ViewedFile } from './FileViewer';
import { useFileUrl } from './use-file-url';

type StoredFile = Attachment & { fileId: string };

const noMessages: readonly ThreadMessage[] = [];

/**
 * A message's stored file: a thumbnail that opens the viewer, a PDF card that opens it there too,
 * a player for a voice note, or a card with a download link; in words while it is not there.
 */
export function MessageFile({ message }: { message: ThreadMessage }) {
  const t = useT();
  const attachment = message.attachment;
  const [viewing, setViewing] = useState(false);
  const state = attachment?.state;
  // A reply's file still in the outbox: no stored copy to show yet, only what it is.
  if (attachment && !attachment.fileId && message.delivery !== 'sent') return <WaitingFileCard file={attachment} />;
  if (!attachment?.fileId || !state) return null;
  const file = attachment as StoredFile;
  if (state !== 'ready') {
    return (
      <p className="message-file-state" data-testid="file-state" data-state={state} role={state === 'pending' ? 'status' : undefined}>
        {t(`file.${state}`)}
      </p>
    );
  }
  const name = file.fileName ?? t('file.unnamed');
  const view = fileView(file);
  if (view === 'audio') return <VoicePlayer file={file} name={name} />;
  if (view === 'download') return <DownloadCard file={file} name={name} />;
  return (
    <>
      {view === 'image' ? (
        <Thumbnail file={file} name={name} onOpen={() => setViewing(true)} />
      ) : (
        <div className="message-file-card" data-testid="file-card">
          <span className="message-file-name">{name}</span>
          {file.size !== null && <span className="message-file-size">{formatBytes(file.size)}</span>}
          <button type="button" className="button button-quiet button-small" onClick={() => setViewing(true)}>
            {t('file.open')}
          </button>
        </div>
      )}
      {viewing && <ConversationViewer conversationId={message.conversationId} fileId={file.fileId} fallback={{ fileId: file.fileId, name, view }} onClose={() => setViewing(false)} />}
    </>
  );
}

/** A file waiting in the outbox with its reply: its name and size (the reply's line says how far it got). */
function WaitingFileCard({ file }: { file: Attachment }) {
  const t = useT();
  return (
    <div className="message-file-card" data-testid="file-waiting">
      <span className="message-file-name">{file.fileName ?? t('file.unnamed')}</span>
      {file.size !== null && <span className="message-file-size">{formatBytes(file.size)}</span>}
      <span className="message-file-state">{t('file.waiting')}</span>
    </div>
  );
}

/** The viewer over the conversation's pictures (and this file when it is a PDF), starting at this one. */
function ConversationViewer({ conversationId, fileId, fallback, onClose }: { conversationId: string; fileId: string; fallback: ViewedFile; onClose(): void }) {
  const t = useT();
  const messages = useThreadStore((s) => s.byConversation[conversationId]?.messages ?? noMessages);
  const files = useMemo(() => {
    const seen: ViewedFile[] = [];
    for (const m of messages) {
      const a = m.attachment;
      if (!a?.fileId || a.state !== 'ready') continue;
      const view = fileView(a);
      if (view === 'image' || a.fileId === fileId) seen.push({ fileId: a.fileId, name: a.fileName ?? t('file.unnamed'), view: view === 'pdf' ? 'pdf' : 'image' });
    }
    return seen.some((f) => f.fileId === fileId) ? seen : [...seen, fallback];
  }, [messages, fileId, fallback, t]);
  return <FileViewer files={files} start={files.findIndex((f) => f.fileId === fileId)} onClose={onClose} />;
}

function Thumbnail({ file, name, onOpen }: { file: StoredFile; name: string; onOpen(): void }) {
  const t = useT();
  const { url, error } = useFileUrl(file.fileId);
  if (error) return <p className="message-file-state" role="alert">{t('file.linkFailed', { reason: describeError(t, error) })}</p>;
  return (
    <button type="button" className="message-thumbnail" data-testid="file-thumbnail" aria-label={t('file.openImage', { name })} onClick={onOpen}>
      {url ? <img src={url} alt="" loading="lazy" /> : <span role="status">{t('file.loading')}</span>}
    </button>
  );
}

function VoicePlayer({ file, name }: { file: StoredFile; name: string }) {
  const t = useT();
  const { url, error } = useFileUrl(file.fileId, file.playable ? 'playable' : 'original');
  if (error) return <p className="message-file-state" role="alert">{t('file.linkFailed', { reason: describeError(t, error) })}</p>;
  if (!url) return <p className="message-file-state" role="status">{t('file.loading')}</p>;
  return <audio className="message-audio" data-testid="file-audio" controls src={url} aria-label={file.kind === 'voice' ? t('file.voice') : name} />;
}

function DownloadCard({ file, name }: { file: StoredFile; name: string }) {
  const t = useT();
  const { url, error } = useFileUrl(file.fileId);
  return (
    <div className="message-file-card" data-testid="file-card">
      <span className="message-file-name">{name}</span>
      {file.size !== null && <span className="message-file-size">{formatBytes(file.size)}</span>}
      {error ? (
        <span className="message-file-state" role="alert">
          {t('file.linkFailed', { reason: describeError(t, error) })}
        </span>
      ) : url ? (
        <a className="button button-quiet button-small" href={url} download={name} rel="noopener">
          {t('file.download')}
        </a>
      ) : (
        <span role="status">{t('file.loading')}</span>
      )}
    </div>
  );
}
