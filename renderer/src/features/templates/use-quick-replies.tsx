import { useEffect, useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { InboxConversation } from '../../../../shared/contract';
import { latestOrder } from '../../../../shared/orders';
import { fillTemplate, unfilledPlaceholders, type Placeholder } from '../../../../shared/quick-replies';
import { textLang } from '../../../../shared/text/text-lang';
import { useKnowledge } from '../../app/knowledge-context';
import type { Translate } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { useContactsStore } from '../../stores/contacts-store';
import { useSessionStore } from '../../stores/session-store';
import { orderStatusKey } from '../profile/profile-logic';
import { useProfileStore } from '../profile/profile-store';
import { closedPicker, insertAtSlash, pickerAfterInput, pickerKey, slashToken } from './picker-state';
import { useUiRequest } from '../shortcuts/ui-requests';
import { matchTemplates } from './template-match';
import { templateValues } from './template-values';
import { TemplateManager } from './TemplateManager';
import { pickerOptionId, TemplatePicker } from './TemplatePicker';
import { useTemplatesStore } from './templates-store';

const SHOWN = 8;

interface QuickRepliesOptions {
  conversation: InboxConversation | null;
  text: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Replaces the reply's text (through the draft path, so it is saved). */
  setText(text: string): void;
}

/**
 * Quick replies in the reply box: "/" opens the picker, the chosen reply goes in with the open
 * conversation's values filled, and placeholders left to fill are listed (the reply cannot be sent
 * while any is left). The composer wires `onInput`, `onKeyDown` and renders the parts.
 */
export function useQuickReplies({ conversation, text, textareaRef, setText }: QuickRepliesOptions) {
  const t = useT();
  const language = useLanguage();
  const knowledge = useKnowledge();
  const pickerId = useId();
  const templates = useTemplatesStore((s) => s.templates);
  const status = useTemplatesStore((s) => s.status);
  const contact = useContactsStore((s) => (conversation ? s.byId[conversation.contactId] ?? null : null));
  const user = useSessionStore((s) => s.session?.user ?? null);
  // {{order.latest.id}} and {{order.latest.status}} come from the profile's orders, once loaded.
  const orders = useProfileStore((s) => (conversation ? s.byContact[conversation.contactId]?.profile?.orders : undefined));
  const [picker, setPicker] = useState(closedPicker);
  const [managing, setManaging] = useState(false);

  useEffect(() => {
    if (status === 'idle') void knowledge.loadTemplates();
  }, [knowledge, status]);

  // Another conversation: the picker of the previous one closes.
  useEffect(() => setPicker(closedPicker), [conversation?.id]);

  // The customer's language, read from what they last wrote; replies in it come first.
  const customerLang = conversation?.lastMessageSenderType === 'contact' ? textLang(conversation.lastMessagePreview) : null;
  const matches = useMemo(
    () => (picker.open ? matchTemplates(templates, picker.query, SHOWN, { strict: true, lang: customerLang }) : []),
    [picker.open, picker.query, templates, customerLang],
  );
  const values = useMemo(
    () =>
      templateValues({
        contact,
        contactName: conversation?.contactName ?? null,
        contactNameGenerated: conversation?.contactNameGenerated === true,
        agent: user,
        latestOrder: orderInWords(latestOrder(orders), t),
        listSeparator: language === 'zh-CN' ? '、' : ', ',
      }),
    [contact, conversation?.contactName, conversation?.contactNameGenerated, user, language, orders, t],
  );
  const unfilled = useMemo(() => unfilledPlaceholders(text), [text]);

  function select(start: number, end: number) {
    const box = textareaRef.current;
    if (!box) return;
    box.focus();
    box.setSelectionRange(start, end);
  }

  function insert(index: number) {
    const chosen = matches[index];
    const box = textareaRef.current;
    if (!chosen || !box) return;
    const caret = box.selectionStart ?? text.length;
    const token = slashToken(text, caret) ?? { start: picker.start, query: picker.query };
    const reply = fillTemplate(chosen.template.body, values);
    const next = insertAtSlash(text, token, Math.max(caret, token.start + 1 + token.query.length), reply);
    setText(next.text);
    setPicker(closedPicker);
    // Once the text box holds it: select the first placeholder the reply left, so typing fills it.
    requestAnimationFrame(() => {
      const first = unfilledPlaceholders(next.text).find((p) => p.start >= token.start && p.end <= next.caret);
      if (first) select(first.start, first.end);
      else select(next.caret, next.caret);
    });
  }

  /** Puts `insertion` at the caret (or over the selection) and leaves the caret after it. */
  function putAtCaret(insertion: (before: string) => string): { text: string; caret: number } | null {
    const box = textareaRef.current;
    if (!box || box.disabled) return null;
    const start = box === document.activeElement ? box.selectionStart ?? text.length : text.length;
    const end = box === document.activeElement ? box.selectionEnd ?? start : start;
    const before = text.slice(0, start);
    const piece = insertion(before);
    const next = { text: before + piece + text.slice(end), caret: start + piece.length };
    setText(next.text);
    requestAnimationFrame(() => select(next.caret, next.caret));
    return next;
  }

  // The quick reply shortcut types the "/" that opens the picker (after a space, so it opens).
  useUiRequest('quickReply', () => {
    const next = putAtCaret((before) => (before === '' || /\s$/.test(before) ? '/' : ' /'));
    if (next) setPicker((state) => pickerAfterInput({ ...state, dismissed: null }, next.text, next.caret));
  });
  // A quick reply chosen in the command palette goes in filled, as one picked here would.
  useUiRequest('insertTemplate', (template) => {
    putAtCaret((before) => (before === '' || /\s$/.test(before) ? '' : ' ') + fillTemplate(template.body, values));
    setPicker(closedPicker);
  });

  return {
    /** After every change of the text or the caret. */
    onInput(value: string, caret: number) {
      setPicker((state) => pickerAfterInput(state, value, caret));
    },
    /** The text box lost the focus: the picker closes (typing "/" again opens it). */
    onBlur() {
      setPicker((state) => (state.open ? { ...closedPicker, dismissed: state.start } : state));
    },
    /** True when the key was the picker's (the composer then does nothing else with it). */
    onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
      if (!picker.open || event.nativeEvent.isComposing) return false;
      const { state, action } = pickerKey(picker, event.key, matches.length);
      if (action === 'none') return false;
      event.preventDefault();
      if (action === 'insert') insert(picker.active);
      else setPicker(state);
      return true;
    },
    /** Attributes for the text box while the picker is open. */
    textboxProps: picker.open
      ? {
          'aria-controls': pickerId,
          'aria-activedescendant': matches.length > 0 ? pickerOptionId(pickerId, picker.active) : undefined,
          'aria-autocomplete': 'list' as const,
        }
      : {},
    unfilled,
    picker: picker.open ? (
      <TemplatePicker
        id={pickerId}
        matches={matches}
        active={picker.active}
        query={picker.query}
        values={values}
        loading={status === 'loading'}
        onPick={insert}
        onHover={(i) => setPicker((state) => ({ ...state, active: i }))}
        onManage={() => {
          setPicker((state) => ({ ...closedPicker, dismissed: state.start }));
          setManaging(true);
        }}
      />
    ) : null,
    /** Placeholders still to fill: each selects itself in the text box, ready to be typed over. */
    notice:
      unfilled.length > 0 ? (
        <p className="quick-unfilled" data-testid="quick-unfilled" role="status">
          <span>{t('quick.unfilled')} </span>
          {unfilled.map((p: Placeholder, i) => (
            <button
              key={`${p.start}-${i}`}
              type="button"
              className="quick-placeholder"
              title={t('quick.fillTitle', { name: p.name })}
              onClick={() => select(p.start, p.end)}
            >
              {p.name}
            </button>
          ))}
        </p>
      ) : null,
    manageButton: (
      <button type="button" className="button button-small button-quiet" data-testid="quick-manage" onClick={() => setManaging(true)}>
        {t('quick.button')}
      </button>
    ),
    manager: managing ? (
      <TemplateManager
        onClose={() => {
          setManaging(false);
          textareaRef.current?.focus();
        }}
      />
    ) : null,
  };
}

/** The latest order with its status in the agent's language when the UI knows the shop's word. */
function orderInWords(order: { id: string; status: string } | null, t: Translate): { id: string; status: string } | null {
  if (!order) return null;
  const key = orderStatusKey(order.status);
  return key ? { ...order, status: t(key) } : order;
}
