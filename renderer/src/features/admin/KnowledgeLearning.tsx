import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { QuestionSuggestion, UnansweredGroup } from '../../../../shared/bot-learning';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { SelectField } from '../common/SelectField';
import { RetryNotice } from '../common/RetryNotice';
import { suggestionsByArticle, UNANSWERED_PERIODS, type UnansweredPeriod } from './learning-logic';

type Load<T> = { status: 'idle' | 'loading' | 'ready' | 'failed'; items: T[]; error: AppErrorShape | null };
const idle = <T,>(): Load<T> => ({ status: 'idle', items: [], error: null });

/**
 * What the bot learns from, for admins: customers' questions that led to an article (an agent
 * inserted it, or the customer picked it among the bot's suggestions), per article with how often
 * each was seen, to accept as an alternative question in one click or dismiss; and the questions
 * the bot could not answer, grouped by wording, each one click from a new article.
 */
export function KnowledgeLearning({ offline, onNewArticle }: { offline: boolean; onNewArticle: (question: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const admin = useKnowledgeAdmin();
  const [suggestions, setSuggestions] = useState<Load<QuestionSuggestion>>(idle);
  const [unanswered, setUnanswered] = useState<Load<UnansweredGroup>>(idle);
  const [days, setDays] = useState<UnansweredPeriod>(30);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const periodId = useId();

  const readSuggestions = useCallback(async () => {
    setSuggestions((s) => ({ ...s, status: 'loading' }));
    try {
      setSuggestions({ status: 'ready', items: await admin.loadSuggestions(), error: null });
    } catch (err) {
      setSuggestions((s) => ({ ...s, status: 'failed', error: toAppError(err).toJSON() }));
    }
  }, [admin]);

  const readUnanswered = useCallback(async (period: number) => {
    setUnanswered((s) => ({ ...s, status: 'loading' }));
    try {
      setUnanswered({ status: 'ready', items: await admin.loadUnanswered(period), error: null });
    } catch (err) {
      setUnanswered((s) => ({ ...s, status: 'failed', error: toAppError(err).toJSON() }));
    }
  }, [admin]);

  useEffect(() => {
    if (!offline) void readSuggestions();
  }, [offline, readSuggestions]);

  useEffect(() => {
    if (!offline) void readUnanswered(days);
  }, [offline, days, readUnanswered]);

  const byArticle = useMemo(() => suggestionsByArticle(suggestions.items), [suggestions.items]);

  async function decide(suggestion: QuestionSuggestion, accept: boolean) {
    setBusy(suggestion.id);
    setNotice(null);
    try {
      if (accept) await admin.acceptSuggestion(suggestion.id);
      else await admin.dismissSuggestion(suggestion.id);
      setSuggestions((s) => ({ ...s, items: s.items.filter((x) => x.id !== suggestion.id) }));
      setNotice({
        kind: 'done',
        text: t(accept ? 'kbLearning.accepted' : 'kbLearning.dismissed', { question: suggestion.question, title: suggestion.articleTitle }),
      });
    } catch (err) {
      setNotice({ kind: 'error', text: t('kbLearning.decideFailed', { question: suggestion.question, reason: describeError(t, toAppError(err)) }) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="kb-learning" aria-labelledby="kb-learning-heading" data-testid="kb-learning">
      <h4 id="kb-learning-heading" className="kb-learning-title">
        {t('kbLearning.heading')}
      </h4>
      {notice && (
        <p className={notice.kind === 'done' ? 'admin-success' : 'form-error'} role={notice.kind === 'done' ? 'status' : 'alert'} data-testid="kb-learning-notice">
          {notice.text}
        </p>
      )}

      <div className="kb-learning-part" data-testid="kb-suggestions">
        <h5 className="kb-learning-subtitle">{t('kbLearning.suggestions.heading')}</h5>
        <p className="admin-section-intro">{t('kbLearning.suggestions.intro')}</p>
        {suggestions.status === 'failed' && suggestions.error && !offline && (
          <RetryNotice
            message={t('kbLearning.loadFailed', { reason: describeError(t, suggestions.error) })}
            title={suggestions.error.message}
            testId="kb-suggestions-error"
            onRetry={() => void readSuggestions()}
          />
        )}
        {suggestions.status === 'ready' && byArticle.length === 0 && <p className="pane-empty">{t('kbLearning.suggestions.empty')}</p>}
        {byArticle.map(({ articleId, articleTitle, items }) => (
          <div key={articleId} className="kb-suggestion-article" data-testid="kb-suggestion-article" data-article-id={articleId}>
            <p className="kb-suggestion-article-title">{articleTitle}</p>
            <ul className="kb-suggestion-list">
              {items.map((s) => (
                <li key={s.id} data-testid="kb-suggestion" data-suggestion-id={s.id}>
                  <span className="kb-suggestion-question">{s.question}</span>
                  <span className="pane-meta">
                    {t('kbLearning.suggestions.count', { count: s.count })} · {s.sources.map((source) => t(`kbLearning.source.${source}`)).join(' · ')}
                  </span>
                  <span className="sensitive-buttons">
                    <button
                      type="button"
                      className="button button-primary button-small"
                      data-testid="kb-suggestion-accept"
                      aria-label={t('kbLearning.acceptLabel', { question: s.question, title: articleTitle })}
                      disabled={offline || busy !== null}
                      onClick={() => void decide(s, true)}
                    >
                      {t('kbLearning.accept')}
                    </button>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      data-testid="kb-suggestion-dismiss"
                      aria-label={t('kbLearning.dismissLabel', { question: s.question })}
                      disabled={offline || busy !== null}
                      onClick={() => void decide(s, false)}
                    >
                      {t('kbLearning.dismiss')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>

      <div className="kb-learning-part" data-testid="kb-unanswered">
        <div className="kb-learning-row">
          <h5 className="kb-learning-subtitle">{t('kbLearning.unanswered.heading')}</h5>
          <SelectField
            id={periodId}
            label={t('kbLearning.unanswered.period')}
            testId="kb-unanswered-period"
            value={String(days)}
            options={UNANSWERED_PERIODS.map((d) => ({ value: String(d), label: t('kbLearning.unanswered.days', { days: d }) }))}
            onChange={(value) => setDays(Number(value) as UnansweredPeriod)}
          />
        </div>
        <p className="admin-section-intro">{t('kbLearning.unanswered.intro')}</p>
        {unanswered.status === 'failed' && unanswered.error && !offline && (
          <RetryNotice
            message={t('kbLearning.loadFailed', { reason: describeError(t, unanswered.error) })}
            title={unanswered.error.message}
            testId="kb-unanswered-error"
            onRetry={() => void readUnanswered(days)}
          />
        )}
        {unanswered.status === 'ready' && unanswered.items.length === 0 && <p className="pane-empty">{t('kbLearning.unanswered.empty')}</p>}
        {unanswered.items.length > 0 && (
          <div className="admin-table-wrap">
            <table className="data-table" aria-label={t('kbLearning.unanswered.heading')} data-testid="kb-unanswered-table">
              <thead>
                <tr>
                  <th scope="col">{t('kbLearning.unanswered.col.question')}</th>
                  <th scope="col">{t('kbLearning.unanswered.col.count')}</th>
                  <th scope="col">{t('kbLearning.unanswered.col.lastSeen')}</th>
                  <th scope="col">{t('kbLearning.unanswered.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {unanswered.items.map((group) => (
                  <tr key={`${group.question}-${group.lastSeenAt}`} data-testid="kb-unanswered-group">
                    <th scope="row">
                      {group.question}
                      {group.examples.length > 1 && (
                        <ul className="kb-unanswered-examples">
                          {group.examples
                            .filter((e) => e !== group.question)
                            .map((e) => (
                              <li key={e}>{e}</li>
                            ))}
                        </ul>
                      )}
                    </th>
                    <td>
                      {group.count}
                      {group.handoffs > 0 && <span className="bot-turn-note">{t('kbLearning.unanswered.handoffs', { count: group.handoffs })}</span>}
                    </td>
                    <td>
                      <time dateTime={group.lastSeenAt}>{formatFull(group.lastSeenAt, language)}</time>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        data-testid="kb-unanswered-new"
                        aria-label={t('kbLearning.unanswered.newArticleLabel', { question: group.question })}
                        disabled={offline}
                        onClick={() => onNewArticle(group.question)}
                      >
                        {t('kbLearning.unanswered.newArticle')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
