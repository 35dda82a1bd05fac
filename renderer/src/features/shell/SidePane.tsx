import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useKnowledge } from '../../app/knowledge-context';
import { useT } from '../../i18n/use-t';
import { useInboxStore } from '../../stores/inbox-store';
import { useThreadStore } from '../../stores/thread-store';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { lastCustomerMessage, worthSuggesting } from '../knowledge/knowledge-logic';
import { useKnowledgeStore } from '../knowledge/knowledge-store';
import { ProfilePanel } from '../profile/ProfilePanel';
import { useUiRequest } from '../shortcuts/ui-requests';

type SideTab = 'profile' | 'knowledge';
const TABS: readonly SideTab[] = ['profile', 'knowledge'];

/**
 * The pane beside the thread: the customer's profile and the knowledge base, as two tabs. Articles
 * for the customer's last message are looked up whichever tab is open; the knowledge tab says how
 * many it found.
 */
export function SidePane() {
  const t = useT();
  const knowledge = useKnowledge();
  const [tab, setTab] = useState<SideTab>('profile');
  const base = useId();
  const conversationId = useInboxStore((s) => s.selectedId);
  const messages = useThreadStore((s) => (conversationId ? s.byConversation[conversationId]?.messages : undefined));
  const customerText = useMemo(() => (messages ? lastCustomerMessage(messages) : null), [messages]);
  const suggestions = useKnowledgeStore((s) => s.suggestions);
  const suggested =
    suggestions && suggestions.conversationId === conversationId ? worthSuggesting(suggestions.hits).length : 0;

  useEffect(() => {
    if (conversationId && messages) void knowledge.suggest(conversationId, customerText);
  }, [knowledge, conversationId, customerText, messages]);

  // The knowledge search shortcut and an article opened from the command palette show the knowledge tab.
  useUiRequest('knowledgeSearch', () => {
    setTab('knowledge');
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.side-pane .kb-search')?.focus());
  });
  useUiRequest('knowledgeTab', () => {
    setTab('knowledge');
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.side-pane .kb-article')?.focus());
  });

  const label = (name: SideTab) => (name === 'profile' ? t('profile.label') : t('kb.tab'));

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`${base}-${next}-tab`)?.focus();
  }

  return (
    <aside className="profile side-pane" aria-label={t('kb.sidePane')}>
      <div className="pane-header side-tabs" role="tablist" aria-label={t('kb.sidePane')}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`${base}-${name}-tab`}
            type="button"
            role="tab"
            className="side-tab"
            aria-selected={tab === name}
            aria-controls={`${base}-${name}-panel`}
            tabIndex={tab === name ? 0 : -1}
            data-testid={`side-tab-${name}`}
            onClick={() => setTab(name)}
            onKeyDown={onKeyDown}
          >
            {label(name)}
            {name === 'knowledge' && suggested > 0 && (
              <span className="side-tab-count" aria-label={t('kb.suggestedCount', { count: suggested })}>
                {suggested}
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        id={`${base}-${tab}-panel`}
        className="side-panel"
        role="tabpanel"
        aria-labelledby={`${base}-${tab}-tab`}
      >
        {tab === 'profile' ? <ProfilePanel /> : <KnowledgePanel />}
      </div>
    </aside>
  );
}
