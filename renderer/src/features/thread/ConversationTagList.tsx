import { useT } from '../../i18n/use-t';
import { useConversationTagsStore } from '../../stores/conversation-tags-store';
import { headerTags } from './resolve-picker-logic';

/** The reason, outcome and other tags of a conversation in the thread header (archived ones still named). */
export function ConversationTagList({ tagIds }: { tagIds: readonly string[] | undefined }) {
  const t = useT();
  const tags = useConversationTagsStore((s) => s.tags);
  const shown = headerTags(tags, tagIds);
  if (shown.length === 0) return null;
  return (
    <ul className="conversation-tags" aria-label={t('resolvePicker.tagsLabel')} data-testid="conversation-tags">
      {shown.map((tag) => (
        <li key={tag.id} className={`conversation-tag conversation-tag-${tag.kind}`} data-testid="conversation-tag">
          {tag.colour && <span className="tag-swatch" style={{ background: tag.colour }} aria-hidden="true" />}
          <span className="visually-hidden">{t(`resolvePicker.kind.${tag.kind}`)}: </span>
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
