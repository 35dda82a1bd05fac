import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { conversationTagKinds, type ConversationTagKind, type ManagedConversationTag } from '../../../../shared/conversation-tags';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { SelectField } from '../common/SelectField';
import { parseWholeNumber } from './whole-number';

type TagDraft = { id?: string; name: string; kind: ConversationTagKind; colour: string; position: string };

const draftOf = (tag: ManagedConversationTag | null, next: number): TagDraft => ({
  ...(tag ? { id: tag.id } : {}),
  name: tag?.name ?? '',
  kind: tag?.kind ?? 'reason',
  colour: tag?.colour ?? '',
  position: String(tag?.position ?? next),
});

/**
 * Conversation tags (the reasons and outcomes agents choose when they resolve): add, rename,
 * reorder, archive; and whether resolving needs an outcome. Supervisors see the list with each
 * tag's use; only admins change it. Needs the connection.
 */
export function ConversationTagsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const controller = useController();
  const isAdmin = useSessionStore((s) => s.session?.user?.role === 'admin');
  const [tags, setTags] = useState<ManagedConversationTag[]>([]);
  const [requireOutcome, setRequireOutcome] = useState(false);
  const [draft, setDraft] = useState<TagDraft | null>(null);
  const [problem, setProblem] = useState<'name' | 'position' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await controller.adminConversationTags();
      setTags(list.tags);
      setRequireOutcome(list.settings.requireOutcome);
    } catch (err) {
      setError(toAppError(err).toJSON());
    }
  }, [controller]);

  useEffect(() => {
    if (!offline) void load();
  }, [load, offline]);

  /** Runs one change, then reads the list again; a refusal stays on screen. */
  async function change(run: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await run());
      await load();
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setBusy(false);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const position = parseWholeNumber(draft.position, { min: 0, max: 10_000 });
    const found = draft.name.trim() === '' ? 'name' : position.problem ? 'position' : null;
    setProblem(found);
    if (found || position.value === null) return;
    const input = { ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), kind: draft.kind, colour: draft.colour === '' ? null : draft.colour, position: position.value };
    await change(async () => {
      const saved = await controller.saveConversationTag(input);
      setDraft(null);
      return t('tagAdmin.saved', { name: saved.name });
    });
  }

  if (offline) return <p className="dialog-muted">{t('tagAdmin.offline')}</p>;
  const kindLabel = (kind: ConversationTagKind) => t(`resolvePicker.kind.${kind}`);
  return (
    <section className="conversation-tag-admin" aria-labelledby="tag-admin-heading" data-testid="tag-admin">
      <h3 id="tag-admin-heading">{t('tagAdmin.heading')}</h3>
      <p className="dialog-muted">{t('tagAdmin.hint')}</p>
      <label className="settings-check">
        <input
          type="checkbox"
          data-testid="tag-require-outcome"
          checked={requireOutcome}
          disabled={!isAdmin || busy}
          onChange={(e) => {
            const next = e.target.checked;
            void change(async () => {
              await controller.saveConversationTagSettings({ requireOutcome: next });
              return t('tagAdmin.settingsSaved');
            });
          }}
        />
        {t('tagAdmin.requireOutcome')}
      </label>
      <table className="data-table" data-testid="tag-table">
        <thead>
          <tr>
            <th scope="col">{t('tagAdmin.name')}</th>
            <th scope="col">{t('tagAdmin.kind')}</th>
            <th scope="col">{t('tagAdmin.position')}</th>
            <th scope="col">{t('tagAdmin.uses')}</th>
            {isAdmin && <th scope="col"><span className="visually-hidden">{t('tagAdmin.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {tags.map((tag) => (
            <tr key={tag.id} data-testid="tag-row">
              <td>
                {tag.colour && <span className="tag-swatch" style={{ background: tag.colour }} aria-hidden="true" />}
                {tag.name}
                {tag.archived ? ` (${t('tagAdmin.archived')})` : ''}
              </td>
              <td>{kindLabel(tag.kind)}</td>
              <td>{tag.position}</td>
              <td>{tag.uses}</td>
              {isAdmin && (
                <td>
                  <button type="button" className="button button-small" disabled={busy} onClick={() => { setDraft(draftOf(tag, 0)); setProblem(null); }}>
                    {t('tagAdmin.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small"
                    data-testid="tag-archive"
                    disabled={busy}
                    onClick={() =>
                      void change(async () => {
                        const saved = await controller.archiveConversationTag(tag.id, !tag.archived);
                        return t(saved.archived ? 'tagAdmin.archivedDone' : 'tagAdmin.restoredDone', { name: saved.name });
                      })
                    }
                  >
                    {tag.archived ? t('tagAdmin.restore') : t('tagAdmin.archive')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {tags.length === 0 && <p className="dialog-muted">{t('tagAdmin.empty')}</p>}
      {isAdmin && !draft && (
        <button type="button" className="button" data-testid="tag-new" disabled={busy} onClick={() => { setDraft(draftOf(null, tags.reduce((max, tag) => Math.max(max, tag.position + 1), 0))); setProblem(null); }}>
          {t('tagAdmin.new')}
        </button>
      )}
      {draft && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="tag-form">
          <div className="field">
            <label htmlFor="tag-name">{t('tagAdmin.name')}</label>
            <input id="tag-name" value={draft.name} maxLength={60} aria-invalid={problem === 'name' ? true : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            {problem === 'name' && <p className="dialog-field-error">{t('tagAdmin.nameRequired')}</p>}
          </div>
          <SelectField
            id="tag-kind"
            label={t('tagAdmin.kind')}
            value={draft.kind}
            options={conversationTagKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
            onChange={(kind) => setDraft({ ...draft, kind })}
          />
          <div className="field">
            <label htmlFor="tag-colour">{t('tagAdmin.colour')}</label>
            <input id="tag-colour" type="color" value={draft.colour || '#888888'} onChange={(e) => setDraft({ ...draft, colour: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="tag-position">{t('tagAdmin.position')}</label>
            <input id="tag-position" inputMode="numeric" value={draft.position} aria-invalid={problem === 'position' ? true : undefined} onChange={(e) => setDraft({ ...draft, position: e.target.value })} />
            {problem === 'position' && <p className="dialog-field-error">{t('tagAdmin.positionProblem')}</p>}
          </div>
          <div className="channel-form-buttons">
            <button type="submit" className="button button-primary" data-testid="tag-save" disabled={busy}>
              {busy ? t('tagAdmin.saving') : t('tagAdmin.save')}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('tagAdmin.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert" title={error.message} data-testid="tag-admin-error">
          {t('tagAdmin.failed', { reason: describeError(t, error) })}
        </p>
      )}
      {done && (
        <p className="dialog-muted" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
