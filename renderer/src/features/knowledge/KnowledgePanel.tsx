import { useId, useState, type KeyboardEvent } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import type { KbArticle } from '../../../../shared/domain';
import type { KbSearchHit } from '../../../../shared/knowledge';
import { useKnowledge } from '../../app/knowledge-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useInboxStore } from '../../stores/inbox-store';
import { composerBlock } from '../composer/composer-state';
import { focusComposer } from '../composer/focus-composer';
import { Highlighted } from './Highlighted';
import { worthSuggesting } from './knowledge-logic';
import { useKnowledgeStore } from './knowledge-store';
import { MarkdownBody } from './MarkdownBody';

/**
 * The knowledge base beside the thread, from the local cache (offline too): search as you type,
 * articles suggested for the customer's last message, an open article with "Insert into reply".
 */
export function KnowledgePanel() {
  const article = useKnowledgeStore((s) => s.article);
  const conversation = useInboxStore((s) => (s.selectedId ? s.byId[s.selectedId] ?? null : null));
  return article ? <ArticleView article={article} conversation={conversation} /> : <SearchView conversation={conversation} />;
}

function SearchView({ conversation }: { conversation: InboxConversation | null }) {
  const t = useT();
  const knowledge = useKnowledge();
  const { query, searched, hits, status, error, suggestions } = useKnowledgeStore();
  const ids = { search: useId(), results: useId() };
  const typing = query.trim() !== '';
  const suggested = suggestions && conversation && suggestions.conversationId === conversation.id ? worthSuggesting(suggestions.hits) : [];

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void knowledge.search(query);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      knowledge.typeQuery('');
    }
  }

  return (
    <div className="kb-panel" data-testid="knowledge-panel">
      <label className="kb-search-label" htmlFor={ids.search}>
        {t('kb.searchLabel')}
      </label>
      <input
        id={ids.search}
        className="kb-search"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('kb.searchPlaceholder')}
        aria-controls={ids.results}
        value={query}
        onChange={(e) => knowledge.typeQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div id={ids.results} className="kb-results" aria-live="polite" aria-busy={status === 'loading'}>
        {typing ? (
          status === 'failed' ? (
            <p className="kb-error" role="alert">
              {t('kb.searchFailed', { reason: describeError(t, error) })}
            </p>
          ) : searched === query.trim() && hits.length === 0 && status === 'ready' ? (
            <p className="kb-muted">{t('kb.noResults', { query: query.trim() })}</p>
          ) : (
            <HitList hits={hits} conversation={conversation} label={t('kb.resultsLabel')} />
          )
        ) : conversation ? (
          <section aria-label={t('kb.suggestedLabel')}>
            <h3 className="kb-section-title">{t('kb.suggestedTitle')}</h3>
            {suggested.length > 0 ? (
              <HitList hits={suggested} conversation={conversation} label={t('kb.suggestedLabel')} testId="kb-suggestions" />
            ) : (
              <p className="kb-muted">{t('kb.noSuggestions')}</p>
            )}
          </section>
        ) : (
          <p className="kb-muted">{t('kb.hint')}</p>
        )}
      </div>
    </div>
  );
}

function HitList({
  hits,
  conversation,
  label,
  testId = 'kb-results',
}: {
  hits: readonly KbSearchHit[];
  conversation: InboxConversation | null;
  label: string;
  testId?: string;
}) {
  const t = useT();
  const knowledge = useKnowledge();
  return (
    <ul className="kb-hits" aria-label={label} data-testid={testId}>
      {hits.map((hit) => (
        <li key={hit.article.id} className="kb-hit">
          <button type="button" className="kb-hit-open" onClick={() => knowledge.openArticle(hit.article)}>
            <span className="kb-hit-title">
              <Highlighted pieces={hit.title} />
            </span>
            <span className="kb-hit-snippet">
              <Highlighted pieces={hit.snippet} />
            </span>
            <span className="kb-hit-meta">
              {hit.article.category && <span className="tag">{hit.article.category}</span>}
              <span className="kb-hit-score" title={t('kb.scoreTitle')}>
                {t('kb.score', { percent: Math.round(hit.score * 100) })}
              </span>
            </span>
          </button>
          <InsertButton article={hit.article} conversation={conversation} compact />
        </li>
      ))}
    </ul>
  );
}

function InsertButton({ article, conversation, compact = false }: { article: KbArticle; conversation: InboxConversation | null; compact?: boolean }) {
  const t = useT();
  const knowledge = useKnowledge();
  const [done, setDone] = useState(false);
  const blocked = !conversation || composerBlock(conversation) !== null;
  return (
    <button
      type="button"
      className={compact ? 'button button-small kb-insert' : 'button button-primary kb-insert'}
      disabled={blocked}
      title={blocked ? t('kb.insertUnavailable') : t('kb.insertTitle')}
      aria-label={compact ? t('kb.insertNamed', { title: article.title }) : undefined}
      onClick={() => {
        if (!conversation) return;
        knowledge.insertIntoReply(conversation.id, article);
        setDone(true);
        focusComposer();
      }}
    >
      {done ? t('kb.inserted') : t('kb.insert')}
    </button>
  );
}

function ArticleView({ article, conversation }: { article: KbArticle; conversation: InboxConversation | null }) {
  const t = useT();
  const knowledge = useKnowledge();
  const titleId = useId();
  return (
    <article className="kb-article" aria-labelledby={titleId} data-testid="kb-article" tabIndex={-1}>
      <button type="button" className="button button-small kb-back" onClick={() => knowledge.openArticle(null)}>
        {t('kb.back')}
      </button>
      <h3 id={titleId} className="kb-article-title">
        {article.title}
      </h3>
      <p className="kb-article-meta">
        {article.category && <span className="tag">{article.category}</span>}
        {article.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
        <span className="kb-lang">{t(article.lang === 'zh' ? 'kb.langZh' : 'kb.langEn')}</span>
      </p>
      <MarkdownBody source={article.body} />
      {article.questions.length > 0 && (
        <details className="kb-questions">
          <summary>{t('kb.questions', { count: article.questions.length })}</summary>
          <ul>
            {article.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="kb-article-actions">
        <InsertButton article={article} conversation={conversation} />
      </div>
    </article>
  );
}
