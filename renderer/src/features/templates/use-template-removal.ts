import { useState } from 'react';
import type { Template } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useKnowledge } from '../../app/knowledge-context';

/**
 * Deleting a quick reply in two clicks: the first asks (`confirming` names the reply), the second
 * deletes. While it runs `busy` is set; a refusal is kept in `error` for the list to show.
 */
export function useTemplateRemoval() {
  const knowledge = useKnowledge();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove(template: Template) {
    if (confirming !== template.id) {
      setConfirming(template.id);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await knowledge.deleteTemplate(template.id);
      setConfirming(null);
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setBusy(false);
    }
  }

  return { confirming, setConfirming, error, setError, busy, remove };
}
