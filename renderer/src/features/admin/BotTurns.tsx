import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { BotAction, BotTurn } from '../../../../shared/knowledge';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { useBotAdminStore } from '../../stores/bot-admin-store';
import { useKbAdminStore } from '../../stores/kb-admin-store';
import { SelectField } from '../common/SelectField';
import { ActionsColumnHeader } from '../common/ActionsColumnHeader';
import { RetryNotice } from '../common/RetryNotice';
import { botActions, confidenceText, filterTurns, ruleLabel, turnCause, turnMatch, type TurnMatch } from './bot-admin-logic';

function MatchCell({ t, match }: { t: Translate; match: TurnMatch }) {
  switch (match.kind) {
    case 'article':
      return (
        <span title={match.id}>
          <span className="bot-match-kind">{t('botAdmin.turns.article')}</span> {match.title ?? match.id}
        </span>
      );
    case 'rule':
      return (
        <span title={match.id}>
          <span className="bot-match-kind">{t('botAdmin.turns.rule')}</span> {match.rule ? ruleLabel(t, match.rule) : t('botAdmin.turns.ruleGone')}
        </span>
      );
    case 'none':
      return <span className="monitor-none">{t('monitor.none')}</span>;
  }
}

/** What the turn answered: the customer's message, or one of their orders reaching a status. */
function CauseCell({ t, turn }: { t: Translate; turn: BotTurn }) {
  const cause = turnCause(turn);
  if (cause.kind === 'message') return cause.text ?? <span className="monitor-none">{t('botAdmin.turns.messageGone')}</span>;
  return (
    <span className="bot-turn-order" data-testid="bot-turn-order">
      {cause.orderNumber ? t('botAdmin.turns.orderEvent', { number: cause.orderNumber, status: cause.status }) : t('botAdmin.turns.orderEventNoNumber', { status: cause.status })}
      <span className="bot-turn-note">{t(`botAdmin.turns.orderSource.${cause.source}`)}</span>
    </span>
  );
}

function ActionCell({ t, turn }: { t: Translate; turn: BotTurn }) {
  return (
    <>
      <span className="bot-action" data-action={turn.action}>
        {t(`botAdmin.action.${turn.action}`)}
      </span>
      {turn.handoffReason && <span className="bot-turn-note">{t(`botAdmin.handoff.${turn.handoffReason}`)}</span>}
      {turn.via !== 'none' && turn.via !== 'rule' && <span className="bot-turn-note">{t(`botAdmin.via.${turn.via}`)}</span>}
    </>
  );
}

/** The articles a "which one did you mean?" turn offered, and what the customer did with them. */
function SuggestedCell({ t, turn }: { t: Translate; turn: BotTurn }) {
  const suggested = turn.suggested ?? [];
  if (suggested.length === 0) return null;
  const picked = turn.picked ?? null;
  const pickedTitle = suggested.find((s) => s.articleId === picked)?.title;
  const outcome =
    picked === null
      ? t('botAdmin.turns.picked.waiting')
      : picked === 'none' || picked === 'person' || picked === 'ignored'
        ? t(`botAdmin.turns.picked.${picked}`)
        : t('botAdmin.turns.picked.article', { title: pickedTitle ?? picked });
  return (
    <div className="bot-suggested" data-testid="bot-turn-suggested">
      <span className="bot-match-kind">{t('botAdmin.turns.offered')}</span>
      <ol className="bot-candidates">
        {suggested.map((s) => (
          <li key={s.articleId} title={s.articleId} data-picked={s.articleId === picked ? 'true' : undefined}>
            {s.title}
            {s.articleId === picked && ' ✓'}
          </li>
        ))}
      </ol>
      <span className="bot-turn-note" data-testid="bot-turn-picked">
        {outcome}
      </span>
    </div>
  );
}

/**
 * The bot's turns, newest first, so an admin sees why it said what it said: the customer's
 * message, what the bot did, the article or reply it used and how sure it was, and the other
 * articles it weighed. One conversation's turns or everyone's; older pages on demand.
 */
export function BotTurns({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const admin = useKnowledgeAdmin();
  const bot = useBotAdminStore();
  const articles = useKbAdminStore((s) => s.articles);
  const articlesStatus = useKbAdminStore((s) => s.status);
  const [conversation, setConversation] = useState(bot.turnsConversation);
  const [action, setAction] = useState<BotAction | 'all'>('all');
  const ids = { conversation: useId(), action: useId(), status: useId() };

  // The newest turns are read whenever the section is shown and when the connection returns.
  useEffect(() => {
    if (!offline) void admin.loadTurns(useBotAdminStore.getState().turnsConversation);
  }, [offline, admin]);

  // Titles of the articles and replies the turns name.
  useEffect(() => {
    if (!offline && articlesStatus === 'idle') void admin.loadArticles();
    if (!offline && useBotAdminStore.getState().rulesStatus === 'idle') void admin.loadRules();
  }, [offline, articlesStatus, admin]);

  const byArticle = useMemo(() => new Map(articles.map((a) => [a.id, a])), [articles]);
  const byRule = useMemo(() => new Map(bot.rules.map((r) => [r.id, r])), [bot.rules]);
  const shown = useMemo(() => filterTurns(bot.turns, action), [bot.turns, action]);

  function search(event: FormEvent) {
    event.preventDefault();
    void admin.loadTurns(conversation);
  }

  function only(conversationId: string) {
    setConversation(conversationId);
    void admin.loadTurns(conversationId);
  }

  function clear() {
    setConversation('');
    void admin.loadTurns('');
  }

  const loading = bot.turnsStatus === 'loading';
  return (
    <div className="bot-turns" data-testid="bot-turns">
      <p className="admin-section-intro">{t('botAdmin.turns.intro')}</p>
      <form className="audit-search bot-turns-filter" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor={ids.conversation}>{t('botAdmin.turns.conversation')}</label>
          <input
            id={ids.conversation}
            data-testid="bot-turns-conversation"
            value={conversation}
            maxLength={64}
            spellCheck={false}
            placeholder={t('botAdmin.turns.conversationPlaceholder')}
            onChange={(e) => setConversation(e.target.value)}
          />
        </div>
        <SelectField
          id={ids.action}
          label={t('botAdmin.turns.actionFilter')}
          testId="bot-turns-action"
          value={action}
          options={[{ value: 'all' as const, label: t('botAdmin.turns.allActions') }, ...botActions.map((a) => ({ value: a, label: t(`botAdmin.action.${a}`) }))]}
          onChange={(a) => setAction(a)}
        />
        <div className="sensitive-buttons">
          <button type="submit" className="button button-primary" disabled={offline || loading}>
            {t('botAdmin.turns.show')}
          </button>
          {(conversation !== '' || bot.turnsConversation !== '') && (
            <button type="button" className="button button-quiet" disabled={offline || loading} onClick={clear}>
              {t('botAdmin.turns.all')}
            </button>
          )}
        </div>
      </form>

      {bot.turnsStatus === 'failed' && bot.turnsError && !offline && (
        <RetryNotice
          message={t('botAdmin.turns.loadFailed', { reason: describeError(t, bot.turnsError) })}
          title={bot.turnsError.message}
          testId="bot-turns-error"
          onRetry={() => void admin.loadTurns(bot.turnsConversation)}
        />
      )}
      {loading && bot.turns.length === 0 && (
        <p className="pane-empty" role="status">
          {t('botAdmin.turns.loading')}
        </p>
      )}
      {bot.turnsStatus === 'ready' && shown.length === 0 && (
        <p className="pane-empty" data-testid="bot-turns-empty">
          {bot.turnsConversation ? t('botAdmin.turns.emptyConversation', { id: bot.turnsConversation }) : t('botAdmin.turns.empty')}
        </p>
      )}

      {shown.length > 0 && (
        <div className="admin-table-wrap">
          <table className="data-table bot-turns-table" aria-label={t('botAdmin.turns.tableLabel')} aria-busy={loading || undefined} data-testid="bot-turns-table">
            <thead>
              <tr>
                <th scope="col">{t('botAdmin.turns.col.when')}</th>
                <th scope="col">{t('botAdmin.turns.col.message')}</th>
                <th scope="col">{t('botAdmin.turns.col.action')}</th>
                <th scope="col">{t('botAdmin.turns.col.matched')}</th>
                <th scope="col">{t('botAdmin.turns.col.confidence')}</th>
                <th scope="col">{t('botAdmin.turns.col.candidates')}</th>
                <ActionsColumnHeader label={t('botAdmin.col.actions')} />
              </tr>
            </thead>
            <tbody>
              {shown.map((turn) => (
                <tr key={turn.id} data-testid="bot-turn-row" data-action={turn.action}>
                  <td className="audit-when">
                    <time dateTime={turn.createdAt}>{formatFull(turn.createdAt, language)}</time>
                    <span className="bot-turn-note">{t(`kbAdmin.lang.${turn.lang}`)}</span>
                  </td>
                  <th scope="row" className="bot-turn-message">
                    <CauseCell t={t} turn={turn} />
                  </th>
                  <td>
                    <ActionCell t={t} turn={turn} />
                  </td>
                  <td>
                    <MatchCell t={t} match={turnMatch(turn, byArticle, byRule)} />
                  </td>
                  <td>{confidenceText(turn.confidence) ?? <span className="monitor-none">{t('monitor.none')}</span>}</td>
                  <td>
                    {turn.candidates.length === 0 ? (
                      <span className="monitor-none">{t('monitor.none')}</span>
                    ) : (
                      <ol className="bot-candidates">
                        {turn.candidates.map((c) => (
                          <li key={c.articleId} title={c.articleId}>
                            {c.title} <span className="pane-meta">{confidenceText(c.confidence)}</span>
                          </li>
                        ))}
                      </ol>
                    )}
                    <SuggestedCell t={t} turn={turn} />
                  </td>
                  <td>
                    {bot.turnsConversation !== turn.conversationId && (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        data-testid="bot-turn-only"
                        disabled={offline || loading}
                        onClick={() => only(turn.conversationId)}
                      >
                        {t('botAdmin.turns.only')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bot.turns.length > 0 && (
        <div className="audit-footer">
          <span className="pane-meta" id={ids.status}>
            {t('botAdmin.turns.shown', { count: bot.turns.length })}
          </span>
          {bot.nextBefore !== null ? (
            <button
              type="button"
              className="button button-quiet"
              aria-describedby={ids.status}
              disabled={offline || bot.loadingMore || loading}
              onClick={() => void admin.loadMoreTurns()}
            >
              {bot.loadingMore ? t('botAdmin.turns.loadingMore') : t('botAdmin.turns.loadMore')}
            </button>
          ) : (
            bot.turnsStatus === 'ready' && <span className="pane-meta">{t('botAdmin.turns.end')}</span>
          )}
        </div>
      )}
      {bot.moreError && (
        <p className="form-error" role="alert" title={bot.moreError.message}>
          {t('botAdmin.turns.loadMoreFailed', { reason: describeError(t, bot.moreError) })}
        </p>
      )}
    </div>
  );
}
