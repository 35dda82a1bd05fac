import { useState } from 'react';
import type { TopicDetail } from '../../../../shared/topics';
import { useSupervision } from '../../app/supervision-context';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { TopicTranscript } from './TopicTranscript';

/**
 * The conversations one topic's messages came from, newest first, with those messages; each can be
 * read in place or opened in the inbox (read-only when not this user's).
 */
export function TopicDetailPanel({ detail, onBack }: { detail: TopicDetail; onBack(): void }) {
  const t = useT();
  const language = useLanguage();
  const supervision = useSupervision();
  const { topic, conversations } = detail;
  const [reading, setReading] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setReading((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="topic-detail" aria-labelledby="topic-detail-heading" data-testid="topic-detail">
      <div className="topic-detail-header">
        <button type="button" className="button button-quiet" onClick={onBack}>
          {t('topics.detail.back')}
        </button>
        <h3 id="topic-detail-heading">{t('topics.detail.heading', { label: topic.label })}</h3>
      </div>
      {conversations.length < topic.conversationCount && <p className="topic-note">{t('topics.detail.more', { count: conversations.length })}</p>}
      <ul className="topic-conversations">
        {conversations.map((c) => (
          <li key={c.conversationId} className="topic-conversation" data-testid="topic-conversation">
            <div className="topic-conversation-head">
              <strong>{c.contactName}</strong>
              <span className="topic-note">
                {c.channelKind} · {t(`topics.status.${c.status}`)} · {formatFull(c.lastAt, language)}
              </span>
              <button type="button" className="button button-quiet" aria-expanded={reading.has(c.conversationId)} onClick={() => toggle(c.conversationId)}>
                {t('topics.readHere')}
              </button>
              <button type="button" className="button button-quiet" onClick={() => supervision.openConversation(c.conversationId)}>
                {t('topics.openConversation')}
              </button>
            </div>
            {reading.has(c.conversationId) ? (
              <TopicTranscript topicId={topic.id} conversationId={c.conversationId} />
            ) : (
              <ul className="topic-quotes">
                {c.messages.map((m) => (
                  <li key={m.messageId}>{m.body}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
