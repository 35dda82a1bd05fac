import { useCallback, useEffect, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { TopicDetail, TopicPeriod, TopicsList } from '../../../../shared/topics';
import { useSupervision } from '../../app/supervision-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useConnectionStore } from '../../stores/connection-store';
import { SelectField } from '../common/SelectField';
import { TopicDetailPanel } from './TopicDetailPanel';
import { TopicList } from './TopicList';

/** How often the list is read again while a run is under way (ms). */
const PENDING_POLL_MS = 4000;

type Load<T> = { state: 'loading' } | { state: 'failed'; error: AppErrorShape } | { state: 'ready'; value: T };

/**
 * What customers asked about (supervisors and admins): the latest topics of the last 7 or 30 days
 * with counts, a daily trend and examples; a topic opens its conversations, and any of them opens
 * in the inbox. "Group again now" queues a run on the server; the list follows it until it is done.
 */
export function TopicsView() {
  const t = useT();
  const language = useLanguage();
  const supervision = useSupervision();
  const status = useConnectionStore((s) => s.connection?.status ?? null);
  const offline = status === 'offline' || status === 'signed_out';
  const [days, setDays] = useState<TopicPeriod>(7);
  const [list, setList] = useState<Load<TopicsList>>({ state: 'loading' });
  const [detail, setDetail] = useState<Load<TopicDetail> | null>(null);
  const [runError, setRunError] = useState<AppErrorShape | null>(null);
  const [reads, setReads] = useState(0);
  const reload = useCallback(() => setReads((n) => n + 1), []);

  useEffect(() => {
    if (offline) return;
    let live = true;
    supervision.topics(days).then(
      (value) => live && setList({ state: 'ready', value }),
      (err: unknown) => live && setList({ state: 'failed', error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [supervision, days, offline, reads]);

  const pending = list.state === 'ready' && list.value.pending !== null;
  useEffect(() => {
    if (!pending || offline) return;
    const timer = setTimeout(reload, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, offline, reload, list]);

  async function runNow() {
    setRunError(null);
    try {
      await supervision.runTopics(days);
      reload();
    } catch (err) {
      setRunError(toAppError(err).toJSON());
    }
  }

  async function openTopic(topicId: string) {
    setDetail({ state: 'loading' });
    try {
      setDetail({ state: 'ready', value: await supervision.topic(topicId) });
    } catch (err) {
      setDetail({ state: 'failed', error: toAppError(err).toJSON() });
    }
  }

  const run = list.state === 'ready' ? list.value.run : null;
  return (
    <main className="view topics" aria-labelledby="topics-heading" data-testid="topics-view">
      <div className="view-header">
        <h2 id="topics-heading" className="view-title">
          {t('topics.heading')}
        </h2>
        <div className="topics-actions">
          <SelectField<'7' | '30'>
            id="topics-period"
            label={t('topics.period')}
            value={String(days) as '7' | '30'}
            options={[{ value: '7', label: t('topics.period.7') }, { value: '30', label: t('topics.period.30') }]}
            onChange={(value) => {
              setDetail(null);
              setList({ state: 'loading' });
              setDays(Number(value) as TopicPeriod);
            }}
          />
          <button type="button" className="button" disabled={offline || pending} onClick={() => void runNow()} data-testid="topics-run">
            {t('topics.runNow')}
          </button>
        </div>
      </div>
      {offline && (
        <p className="view-notice" role="status">
          {t('topics.offline')}
        </p>
      )}
      {runError && (
        <p className="view-notice" role="alert">
          {t('topics.runFailed', { reason: describeError(t, runError) })}
        </p>
      )}
      {pending && (
        <p className="view-notice" role="status" data-testid="topics-pending">
          {t('topics.pending')}
        </p>
      )}
      {list.state === 'loading' && !offline && <p className="topic-note">{t('topics.loading')}</p>}
      {list.state === 'failed' && (
        <p className="view-notice" role="alert">
          {t('topics.failed', { reason: describeError(t, list.error) })}
        </p>
      )}
      {list.state === 'ready' && !run && !pending && <p className="topic-note">{t('topics.never')}</p>}
      {run && (
        <p className="topic-note" data-testid="topics-run-info">
          {t('topics.runInfo', { clustered: run.clusteredCount, total: run.messageCount, at: formatFull(run.finishedAt ?? run.createdAt, language) })}
          {run.method === 'local+ai-labels' ? ` ${t('topics.method.ai')}` : ''}
        </p>
      )}
      {run && list.state === 'ready' && list.value.topics.length === 0 && <p className="topic-note">{t('topics.empty')}</p>}
      {detail?.state === 'ready' ? (
        <TopicDetailPanel detail={detail.value} onBack={() => setDetail(null)} />
      ) : (
        <>
          {detail?.state === 'failed' && (
            <p className="view-notice" role="alert">
              {t('topics.failed', { reason: describeError(t, detail.error) })}
            </p>
          )}
          {list.state === 'ready' && <TopicList topics={list.value.topics} onOpen={(id) => void openTopic(id)} />}
        </>
      )}
    </main>
  );
}
