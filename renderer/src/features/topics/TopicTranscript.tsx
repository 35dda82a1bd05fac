import { useEffect, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { TopicTranscript as Transcript } from '../../../../shared/topics';
import { useSupervision } from '../../app/supervision-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';

type Load = { state: 'loading' } | { state: 'failed'; error: AppErrorShape } | { state: 'ready'; transcript: Transcript };

/** What was said in one conversation of a topic, read in place (the desktop may not hold an old conversation). */
export function TopicTranscript({ topicId, conversationId }: { topicId: string; conversationId: string }) {
  const t = useT();
  const language = useLanguage();
  const supervision = useSupervision();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    supervision.topicConversation(topicId, conversationId).then(
      (transcript) => live && setLoad({ state: 'ready', transcript }),
      (err: unknown) => live && setLoad({ state: 'failed', error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [supervision, topicId, conversationId]);

  if (load.state === 'loading') return <p className="topic-note">{t('topics.loading')}</p>;
  if (load.state === 'failed') {
    return (
      <p className="view-notice" role="alert">
        {t('topics.failed', { reason: describeError(t, load.error) })}
      </p>
    );
  }
  return (
    <ol className="topic-transcript" aria-label={t('topics.transcript')} data-testid="topic-transcript">
      {load.transcript.messages.map((m) => (
        <li key={m.messageId} data-from={m.from}>
          <span className="topic-note" title={formatFull(m.createdAt, language)}>
            {t(`topics.from.${m.from}`)}
          </span>{' '}
          {m.body}
        </li>
      ))}
    </ol>
  );
}
