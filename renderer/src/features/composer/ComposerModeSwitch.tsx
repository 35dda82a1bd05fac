import { useT } from '../../i18n/use-t';
import { useNotesStore, type ComposerMode } from '../../stores/notes-store';
import { focusComposer } from './focus-composer';

/** "Reply" / "Internal note": which of the two the composer writes in this conversation. */
export function ComposerModeSwitch({ conversationId, mode }: { conversationId: string; mode: ComposerMode }) {
  const t = useT();
  const setMode = useNotesStore((s) => s.setMode);
  const modes: { mode: ComposerMode; label: string }[] = [
    { mode: 'reply', label: t('note.modeReply') },
    { mode: 'note', label: t('note.modeNote') },
  ];
  return (
    <div className="composer-modes" role="group" aria-label={t('note.modesLabel')}>
      {modes.map((m) => (
        <button
          key={m.mode}
          type="button"
          className="composer-mode"
          data-mode={m.mode}
          data-testid={`mode-${m.mode}`}
          aria-pressed={mode === m.mode}
          onClick={() => {
            setMode(conversationId, m.mode);
            focusComposer();
          }}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
