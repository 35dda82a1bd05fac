import { roleSchema, type Role } from '../../../../shared/domain';
import {
  ADMIN_BOUNDS,
  MAX_USER_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  userCreateSchema,
  type ManagedUser,
  type UserCreate,
  type UserSave,
} from '../../../../shared/team-admin';
import { parseWholeNumber } from './whole-number';

export const roles: readonly Role[] = roleSchema.options;

/** What the admin set in one row of the team table (the capacity as typed). */
export interface UserEdit {
  role: Role;
  maxChats: string;
  groupIds: string[];
}

export function editOf(user: ManagedUser): UserEdit {
  return { role: user.role, maxChats: String(user.maxChats), groupIds: [...user.groupIds] };
}

/** Why a capacity cannot be saved: the bounds are part of the sentence. */
export type MaxChatsProblem = { key: 'team.admin.problem.maxChats'; min: number; max: number };

export function maxChatsProblem(text: string): MaxChatsProblem | null {
  const { problem } = parseWholeNumber(text, ADMIN_BOUNDS.maxChats);
  return problem === null ? null : { key: 'team.admin.problem.maxChats', ...ADMIN_BOUNDS.maxChats };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The arguments for `admin.saveUser` with only what the row changed, or null when nothing did.
 * Call it on a row whose capacity passed `maxChatsProblem`.
 */
export function changesOf(user: ManagedUser, edit: UserEdit): UserSave | null {
  const changes: UserSave = { id: user.id };
  if (edit.role !== user.role) changes.role = edit.role;
  const maxChats = parseWholeNumber(edit.maxChats, ADMIN_BOUNDS.maxChats).value;
  if (maxChats !== null && maxChats !== user.maxChats) changes.maxChats = maxChats;
  if (!sameSet(edit.groupIds, user.groupIds)) changes.groupIds = [...edit.groupIds].sort();
  return Object.keys(changes).length > 1 ? changes : null;
}

/** Whether this user is the only active admin: the server refuses to demote or deactivate them. */
export function isLastActiveAdmin(user: ManagedUser, users: readonly ManagedUser[]): boolean {
  return user.role === 'admin' && user.active && !users.some((u) => u.id !== user.id && u.role === 'admin' && u.active);
}

/** The table's order: active users first, then by name in the UI's language. */
export function sortUsers(users: readonly ManagedUser[], locale?: string): ManagedUser[] {
  return [...users].sort((a, b) => Number(!a.active) - Number(!b.active) || a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : 1));
}

/** The add-user form as typed. */
export interface NewUserDraft {
  email: string;
  name: string;
  role: Role;
  password: string;
  maxChats: string;
  groupIds: string[];
}

export const emptyNewUser: NewUserDraft = { email: '', name: '', role: 'agent', password: '', maxChats: '5', groupIds: [] };

export type NewUserField = 'email' | 'name' | 'password' | 'maxChats';

/** One field's problem: a message key and the values its sentence names. */
export type NewUserProblem =
  | { key: 'team.admin.problem.emailRequired' | 'team.admin.problem.emailInvalid' | 'team.admin.problem.emailTaken' | 'team.admin.problem.nameRequired' }
  | { key: 'team.admin.problem.nameTooLong'; max: number }
  | { key: 'team.admin.problem.passwordShort'; min: number }
  | MaxChatsProblem;

export type NewUserProblems = Partial<Record<NewUserField, NewUserProblem>>;

/**
 * Checks the add-user form by the server's rules (shared/team-admin): a valid email no one in the
 * team uses, a name of at most 80 characters, a password of at least 8, a capacity within bounds.
 * Empty when it can be sent.
 */
export function validateNewUser(draft: NewUserDraft, users: readonly ManagedUser[]): NewUserProblems {
  const problems: NewUserProblems = {};
  const email = draft.email.trim().toLowerCase();
  if (email === '') problems.email = { key: 'team.admin.problem.emailRequired' };
  else if (!userCreateSchema.shape.email.safeParse(email).success) problems.email = { key: 'team.admin.problem.emailInvalid' };
  else if (users.some((u) => u.email.toLowerCase() === email)) problems.email = { key: 'team.admin.problem.emailTaken' };
  const name = draft.name.trim();
  if (name === '') problems.name = { key: 'team.admin.problem.nameRequired' };
  else if (name.length > MAX_USER_NAME_LENGTH) problems.name = { key: 'team.admin.problem.nameTooLong', max: MAX_USER_NAME_LENGTH };
  if (draft.password.length < MIN_PASSWORD_LENGTH) problems.password = { key: 'team.admin.problem.passwordShort', min: MIN_PASSWORD_LENGTH };
  const maxChats = maxChatsProblem(draft.maxChats);
  if (maxChats) problems.maxChats = maxChats;
  return problems;
}

/** The first field with a problem, in the form's order (where focus goes). */
export function firstProblemField(problems: NewUserProblems): NewUserField | null {
  return (['email', 'name', 'password', 'maxChats'] as const).find((field) => problems[field]) ?? null;
}

/** The arguments for `admin.createUser` from a form that passed `validateNewUser`. */
export function createArgs(draft: NewUserDraft): UserCreate {
  const maxChats = parseWholeNumber(draft.maxChats, ADMIN_BOUNDS.maxChats).value ?? undefined;
  return {
    email: draft.email.trim().toLowerCase(),
    name: draft.name.trim(),
    role: draft.role,
    password: draft.password,
    ...(maxChats !== undefined ? { maxChats } : {}),
    groupIds: [...draft.groupIds].sort(),
  };
}
