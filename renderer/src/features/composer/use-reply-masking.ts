import { useEffect, useMemo } from 'react';
import { DEFAULT_REPLY_MASK_POLICY, maskReply, type MaskedItem } from '../../../../shared/reply-masking';
import { compileSensitiveWords } from '../../../../shared/sensitive-words';
import { useSupervision } from '../../app/supervision-context';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';

export type ReplyMaskingPreview = {
  items: readonly MaskedItem[];
  /** The reply matched a `block` word: it will be refused, so there is nothing to confirm. */
  blocked: boolean;
};

const nothing: ReplyMaskingPreview = { items: [], blocked: false };

/**
 * What the reply being typed will have masked when sent (shared/reply-masking.ts, the rule the
 * client core and the server apply), so the agent is told before sending. Reads the word list and
 * the masking setting once the composer is in use; until the setting is known it is taken as on.
 */
export function useReplyMasking(active: boolean, text: string): ReplyMaskingPreview {
  const supervision = useSupervision();
  const words = useSensitiveWordsStore((s) => s.words);
  const status = useSensitiveWordsStore((s) => s.status);
  const policy = useSensitiveWordsStore((s) => s.policy);
  useEffect(() => {
    if (active && status === 'idle') void supervision.loadSensitiveWords();
  }, [active, status, supervision]);
  const compiled = useMemo(() => compileSensitiveWords(words), [words]);
  return useMemo(() => {
    if (!active || text.trim() === '') return nothing;
    const { items, check } = maskReply(compiled, text, policy ?? DEFAULT_REPLY_MASK_POLICY);
    return { items, blocked: check.action === 'block' };
  }, [active, text, compiled, policy]);
}
