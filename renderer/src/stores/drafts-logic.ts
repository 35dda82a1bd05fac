/** Text the agent typed that the client core has not confirmed saving yet. */
export interface UnsavedText {
  /** What the core last confirmed it holds ('' when nothing, or not known yet). */
  saved: string;
  /** What the composer holds now. */
  latest: string;
}

/**
 * The composer text after the core reports a draft body (drafts.get, draft.updated, outbox.edit)
 * while the agent may have typing the core has not stored yet. The core built `incoming` from
 * the last text it saved; this puts the newer typing in place of that text, so neither the
 * core's addition (a reply that came back) nor the agent's typing is lost. When the two cannot be
 * lined up, both are kept, the core's text first.
 */
export function mergeIncomingDraft(incoming: string, unsaved: UnsavedText | null): string {
  if (!unsaved) return incoming;
  const { saved, latest } = unsaved;
  if (incoming === latest) return latest;
  // Nothing new from the core (or it dropped the draft): the typing is the newest word.
  if (incoming === saved || incoming.trim() === '') return latest;
  if (latest.trim() === '') return incoming;
  if (saved !== '') {
    const at = incoming.indexOf(saved);
    if (at >= 0) return incoming.slice(0, at) + latest + incoming.slice(at + saved.length);
  }
  if (incoming.includes(latest)) return incoming;
  return `${incoming}\n\n${latest}`;
}
