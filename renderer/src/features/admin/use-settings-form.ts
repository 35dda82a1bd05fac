import { useEffect, useState, type FormEvent } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';

export interface SettingsFormOptions<Draft, Args, Problem> {
  offline: boolean;
  /** Reads the settings from the server as the form's draft (keep it stable with useCallback: a new one reads again). */
  load(): Promise<Draft>;
  /** What the draft would save, or the first thing wrong with it. */
  check(draft: Draft): { args: Args | null; problem: Problem | null };
  /** Saves; the draft the server answered with replaces the form's, when it answers one. */
  save(args: Args): Promise<Draft | void>;
}

/**
 * An admin settings form read live from the server: the draft being edited, what failed to load,
 * the problem found before saving, the server's refusal, and whether the last save went through
 * (until the next edit).
 */
export function useSettingsForm<Draft, Args, Problem>({ offline, load, check, save }: SettingsFormOptions<Draft, Args, Problem>) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (offline) return;
    let live = true;
    load().then(
      (loaded) => live && setDraft(loaded),
      (err: unknown) => live && setLoadError(toAppError(err).toJSON()),
    );
    return () => {
      live = false;
    };
  }, [load, offline]);

  /** The form changed: the "saved" line goes. */
  function update(next: Draft) {
    setDraft(next);
    setDone(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    const { args, problem: found } = check(draft);
    setProblem(found);
    setDone(false);
    if (args === null) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await save(args);
      if (saved !== undefined) setDraft(saved);
      setDone(true);
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setSaving(false);
    }
  }

  return { draft, update, submit, loadError, problem, error, saving, done };
}
