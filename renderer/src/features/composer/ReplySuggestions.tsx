import { useEffect, useState } from 'react';
import type { AiSuggestion } from '../../../../shared/ai';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useAi } from '../../app/ai-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

type State =
  | { kind: 'unknown' }
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'shown'; suggestions: AiSuggestion[] }
  | { kind: 'failed'; error: AppErrorShape }
  | { kind: 'off' };

/**
 * "Suggest replies": asks the team's AI provider for up to three replies to this conversation and
 * shows them; clicking one puts it into the reply box as a draft to edit (nothing is sent by
 * itself). Nothing is shown when the team has suggestions off (or it cannot be known offline);
 * turned off meanwhile, the button says so once and goes.
 */
export function ReplySuggestions({ conversationId, disabled, onInsert }: { conversationId: string; disabled: boolean; onInsert: (text: string) => void }) {
  const t = useT();
  const ai = useAi();
  const [state, setState] = useState<State>({ kind: 'unknown' });

  // Suggestions belong to one conversation: switching clears them (and asks whether they are on).
  useEffect(() => {
    let live = true;
    setState({ kind: 'unknown' });
    void ai.suggestionsOn().then((on) => live && setState(on ? { kind: 'idle' } : { kind: 'off' }));
    return () => {
      live = false;
    };
    // Asked again when the workstation comes back online (offline, the answer may have been a guess).
  }, [ai, conversationId, disabled]);

  if (state.kind === 'unknown') return null;
  if (state.kind === 'off') return null;

  async function ask() {
    setState({ kind: 'asking' });
    try {
      setState({ kind: 'shown', suggestions: await ai.suggest(conversationId) });
    } catch (err) {
      const error = toAppError(err).toJSON();
      setState({ kind: 'failed', error });
    }
  }

  return (
    <div className="reply-suggestions" data-testid="reply-suggestions">
      <button
        type="button"
        className="button button-quiet"
        data-testid="suggest-replies"
        disabled={disabled || state.kind === 'asking'}
        onClick={() => void ask()}
      >
        {state.kind === 'asking' ? t('suggest.asking') : t('suggest.button')}
      </button>
      {state.kind === 'failed' && (
        <span className="composer-error" role="alert" title={state.error.message}>
          {state.error.code === 'conflict' ? t('suggest.off') : t('suggest.failed', { reason: describeError(t, state.error) })}
        </span>
      )}
      {state.kind === 'shown' && (
        <ul className="reply-suggestion-list" aria-label={t('suggest.listLabel')}>
          {state.suggestions.length === 0 && <li className="composer-hint">{t('suggest.none')}</li>}
          {state.suggestions.map((s, i) => (
            <li key={i}>
              <button
                type="button"
                className="reply-suggestion"
                data-testid="reply-suggestion"
                title={s.articleTitle ? t('suggest.fromArticle', { title: s.articleTitle }) : undefined}
                onClick={() => {
                  onInsert(s.text);
                  setState({ kind: 'idle' });
                }}
              >
                {s.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
