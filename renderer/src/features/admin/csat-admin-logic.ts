import { csatChannelKinds, type CsatChannelKind, type CsatSettings, type CsatSettingsSave } from '../../../../shared/csat';

/** The survey settings form as typed. */
export type CsatDraft = {
  enabled: boolean;
  channelKinds: CsatChannelKind[];
  questionZh: string;
  questionEn: string;
  linkValidDays: string;
};

export type CsatProblem = 'question' | 'days';

export function csatDraftOf(settings: CsatSettings): CsatDraft {
  return { ...settings, channelKinds: [...settings.channelKinds], linkValidDays: String(settings.linkValidDays) };
}

/** Ticks or unticks a channel kind, keeping the kinds in their usual order. */
export function toggleKind(kinds: readonly CsatChannelKind[], kind: CsatChannelKind, on: boolean): CsatChannelKind[] {
  return csatChannelKinds.filter((k) => (k === kind ? on : kinds.includes(k)));
}

/** What to save, or the first problem the form shows instead. */
export function csatSaveOf(draft: CsatDraft): { save: CsatSettingsSave | null; problem: CsatProblem | null } {
  const questionZh = draft.questionZh.trim();
  const questionEn = draft.questionEn.trim();
  if (!questionZh || !questionEn || questionZh.length > 500 || questionEn.length > 500) return { save: null, problem: 'question' };
  const days = Number(draft.linkValidDays.trim());
  if (!/^\d+$/.test(draft.linkValidDays.trim()) || days < 1 || days > 90) return { save: null, problem: 'days' };
  return { save: { enabled: draft.enabled, channelKinds: csatChannelKinds.filter((k) => draft.channelKinds.includes(k)), questionZh, questionEn, linkValidDays: days }, problem: null };
}
