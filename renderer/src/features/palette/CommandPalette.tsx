import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { KbArticle } from '../../../../shared/domain';
import { useKnowledge } from '../../app/knowledge-context';
import { contactNameText } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useContactsStore } from '../../stores/contacts-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useViewStore } from '../../stores/view-store';
import { matchTemplates } from '../templates/template-match';
import { useTemplatesStore } from '../templates/templates-store';
import type { KeyPlatform } from '../shortcuts/platform';
import { ShortcutKeys } from '../shortcuts/ShortcutKeys';
import { shortcutTable, type ShortcutActions } from '../shortcuts/shortcut-table';
import { useController } from '../../app/controller-context';
import { openChat } from '../shortcuts/shortcut-actions';
import { requestUi } from '../shortcuts/ui-requests';
import { movePaletteActive, paletteGroups, type PaletteItem } from './palette-logic';

const ARTICLE_LIMIT = 5;

interface CommandPaletteProps {
  platform: KeyPlatform;
  actions: ShortcutActions;
  /** Closes the palette; focus goes back where it was unless `restoreFocus` is false. */
  onClose(options?: { restoreFocus?: boolean }): void;
}

/**
 * Ctrl/⌘+K: one box over chats, customers, knowledge articles, quick replies and the shortcut
 * table's actions. An ARIA combobox: the arrow keys move through the options (focus stays in
 * the box), Enter runs the active one, Esc closes, and the number of results is announced.
 */
export function CommandPalette({ platform, actions, onClose }: CommandPaletteProps) {
  const t = useT();
  const controller = useController();
  const knowledge = useKnowledge();
  const ids = { title: useId(), list: useId(), count: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ query: string; articles: KbArticle[] }>({ query: '', articles: [] });
  const conversations = useInboxStore((s) => s.conversations);
  const contactsById = useContactsStore((s) => s.byId);
  const templates = useTemplatesStore((s) => s.templates);

  useEffect(() => inputRef.current?.focus(), []);

  // Articles come from the knowledge search; only the answer for what is typed now is shown.
  useEffect(() => {
    const text = query.trim();
    if (text === '') return;
    let current = true;
    knowledge.find(text, ARTICLE_LIMIT).then(
      (hits) => current && setFound({ query: text, articles: hits.map((h) => h.article) }),
      (err: unknown) => console.error('[switchboard] palette article search failed', err),
    );
    return () => {
      current = false;
    };
  }, [knowledge, query]);

  const groups = useMemo(
    () =>
      paletteGroups({
        query,
        conversations,
        contacts: Object.values(contactsById),
        articles: found.query === query.trim() ? found.articles : [],
        quickReplies: query.trim() === '' ? [] : matchTemplates(templates, query.trim(), 5).map((m) => m.template),
        actions: shortcutTable.filter((s) => s.id !== 'openPalette').map((s) => ({ id: s.id, label: t(s.label), keys: s.keys })),
        nameOf: (c) => contactNameText(t, c.contactName, c.contactNameGenerated),
      }),
    [query, conversations, contactsById, found, templates, t],
  );
  const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const activeIndex = items.length === 0 ? -1 : Math.min(active, items.length - 1);
  const optionId = (i: number) => `${ids.list}-option-${i}`;

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
  });

  function run(item: PaletteItem) {
    switch (item.kind) {
      case 'chat':
      case 'customer':
        onClose({ restoreFocus: false });
        useViewStore.getState().setView('inbox');
        openChat(controller, item.conversationId);
        return;
      case 'article':
        onClose({ restoreFocus: false });
        useViewStore.getState().setView('inbox');
        knowledge.openArticle(item.article);
        requestAnimationFrame(() => requestUi('knowledgeTab'));
        return;
      case 'quickReply':
        onClose({ restoreFocus: false });
        requestAnimationFrame(() => requestUi('insertTemplate', item.template));
        return;
      case 'action':
        onClose();
        // After focus went back: the action starts from where the user was.
        requestAnimationFrame(() => actions[item.action]());
        return;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      // Nothing else in the palette takes focus: the options are reached with the arrow keys.
      event.preventDefault();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[activeIndex];
      if (item) run(item);
    } else if (['ArrowDown', 'ArrowUp'].includes(event.key) || (['Home', 'End'].includes(event.key) && event.ctrlKey)) {
      event.preventDefault();
      setActive(movePaletteActive(activeIndex, items.length, event.key));
    }
  }

  let index = 0;
  return createPortal(
    <div className="dialog-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-labelledby={ids.title} data-testid="command-palette" onKeyDown={onKeyDown}>
        <h2 id={ids.title} className="visually-hidden">
          {t('palette.title')}
        </h2>
        <input
          ref={inputRef}
          className="palette-input"
          type="text"
          role="combobox"
          aria-label={t('palette.inputLabel')}
          aria-expanded={items.length > 0}
          aria-controls={ids.list}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={ids.count}
          placeholder={t('palette.placeholder')}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <p id={ids.count} className="visually-hidden" role="status" data-testid="palette-count">
          {t('palette.count', { count: items.length })}
        </p>
        <div id={ids.list} className="palette-results" role="listbox" aria-label={t('palette.title')}>
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${ids.list}-${group.kind}`} className="palette-group" data-group={group.kind}>
              <div id={`${ids.list}-${group.kind}`} className="palette-group-title" role="presentation">
                {t(`palette.group.${group.kind}`)}
              </div>
              {group.items.map((item) => {
                const i = index++;
                return (
                  <div
                    key={item.key}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === activeIndex}
                    className="palette-option"
                    data-testid="palette-option"
                    data-kind={item.kind}
                    onMouseMove={() => i !== activeIndex && setActive(i)}
                    onClick={() => run(item)}
                  >
                    <span className="palette-option-title">{item.title}</span>
                    {item.detail && <span className="palette-option-detail">{item.detail}</span>}
                    {item.kind === 'action' && <ShortcutKeys keys={item.keys} platform={platform} />}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>,
    document.body,
  );
}
