import type { Role, Template, TemplateInput } from '../../../../shared/domain';
import { templateInputSchema } from '../../../../shared/domain';
import { bareShortcut } from './template-match';

/** What the manager's form holds while a reply is written. */
export type TemplateDraft = {
  id: string | null;
  scope: 'team' | 'personal';
  lang: 'zh' | 'en';
  shortcut: string;
  title: string;
  category: string;
  body: string;
};

/** Whether this user may change a reply: their own always; the team's when they are an admin or a supervisor. */
export function mayEdit(template: Template, user: { id: string; role: Role } | null): boolean {
  if (!user) return false;
  return template.ownerId === null ? user.role === 'admin' || user.role === 'supervisor' : template.ownerId === user.id;
}

/** A blank reply in the user's language; admins start with a team reply. */
export function blankDraft(role: Role | undefined, language: 'zh-CN' | 'en'): TemplateDraft {
  return {
    id: null,
    scope: role === 'admin' ? 'team' : 'personal',
    lang: language === 'zh-CN' ? 'zh' : 'en',
    shortcut: '',
    title: '',
    category: '',
    body: '',
  };
}

export function draftOf(template: Template): TemplateDraft {
  return {
    id: template.id,
    scope: template.ownerId === null ? 'team' : 'personal',
    lang: template.lang,
    shortcut: bareShortcut(template.shortcut),
    title: template.title,
    category: template.category,
    body: template.body,
  };
}

export type DraftProblem = 'shortcut' | 'shortcutSpaces' | 'title' | 'body';

/** What is missing or wrong before a reply can be saved (checked again by the server); empty when fine. */
export function draftProblems(draft: TemplateDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const shortcut = bareShortcut(draft.shortcut.trim());
  if (shortcut === '') problems.push('shortcut');
  else if (/\s/.test(shortcut)) problems.push('shortcutSpaces');
  if (draft.title.trim() === '') problems.push('title');
  if (draft.body.trim() === '') problems.push('body');
  return problems;
}

/** The save request for a draft (validated like the server does). */
export function toInput(draft: TemplateDraft): TemplateInput {
  const input: TemplateInput = {
    scope: draft.scope,
    lang: draft.lang,
    shortcut: draft.shortcut,
    title: draft.title,
    body: draft.body,
    category: draft.category,
    ...(draft.id ? { id: draft.id } : {}),
  };
  return templateInputSchema.parse(input);
}

/** Replies grouped for the manager: the team's first, then the user's own; by category, then shortcut. */
export function groupTemplates(templates: readonly Template[]): { team: Template[]; personal: Template[] } {
  const order = (a: Template, b: Template) =>
    a.category.localeCompare(b.category) || bareShortcut(a.shortcut).localeCompare(bareShortcut(b.shortcut)) || a.lang.localeCompare(b.lang);
  return {
    team: templates.filter((t) => t.ownerId === null).sort(order),
    personal: templates.filter((t) => t.ownerId !== null).sort(order),
  };
}
