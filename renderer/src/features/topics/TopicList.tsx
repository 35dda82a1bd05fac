import type { Topic } from '../../../../shared/topics';
import { useSupervision } from '../../app/supervision-context';
import { useT } from '../../i18n/use-t';
import { TopicSparkline } from './TopicSparkline';

const EXAMPLES_SHOWN = 3;

/** The topics of a run, largest first: label, counts, trend and a few examples that open their conversation. */
export function TopicList({ topics, onOpen }: { topics: readonly Topic[]; onOpen(topicId: string): void }) {
  const t = useT();
  const supervision = useSupervision();
  return (
    <ol className="topic-list" data-testid="topic-list">
      {topics.map((topic) => (
        <li key={topic.id} className="topic-row" data-testid="topic-row" lang={topic.lang === 'zh' ? 'zh-CN' : 'en'}>
          <div className="topic-row-head">
            <h3 className="topic-label">{topic.label}</h3>
            <span className="topic-count" data-testid="topic-count">
              {t('topics.messages', { count: topic.messageCount })}
            </span>
            <span className="topic-note">{t('topics.conversations', { count: topic.conversationCount })}</span>
            <TopicSparkline trend={topic.trend} />
            <button type="button" className="button button-quiet" onClick={() => onOpen(topic.id)}>
              {t('topics.openTopic')}
            </button>
          </div>
          <ul className="topic-examples" aria-label={t('topics.examples', { label: topic.label })}>
            {topic.examples.slice(0, EXAMPLES_SHOWN).map((e) => (
              <li key={e.messageId}>
                <button type="button" className="topic-example" onClick={() => supervision.openConversation(e.conversationId)}>
                  {e.body}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
