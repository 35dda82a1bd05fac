import type { z } from 'zod';
import {
  channelConfigSchemas,
  channelIssueField,
  channelSecretSchemas,
  REQUIRED_SECRETS,
  secretRuleOf,
  type ChannelView,
  type SecretRule,
} from '../../../../shared/channels';
import type { MethodArgs } from '../../../../shared/contract';
import { channelKindSchema, type ChannelKind } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import type { MessageKey } from '../../i18n/en';

export const channelKinds: readonly ChannelKind[] = channelKindSchema.options;

type ConfigKey = Extract<MessageKey, `channels.config.${string}`>;
type SecretKey = Extract<MessageKey, `channels.secret.${string}`>;

/** One setting of a channel's config as the form shows it; `path` is its place in the config ("smtp.port"). */
export interface ConfigField {
  path: string;
  input: 'text' | 'url' | 'email' | 'number' | 'checkbox' | 'group';
  label: ConfigKey;
  hint?: Extract<MessageKey, `channels.hint.${string}`>;
}

const routing: readonly ConfigField[] = [
  { path: 'defaultGroupId', input: 'group', label: 'channels.config.defaultGroupId' },
  { path: 'bot', input: 'checkbox', label: 'channels.config.bot' },
];
const apiBaseUrl: ConfigField = { path: 'apiBaseUrl', input: 'url', label: 'channels.config.apiBaseUrl', hint: 'channels.hint.apiBaseUrl' };

/** The settings each kind takes (shared/channels.ts holds the rules; these are the ones an admin edits). */
export const configFields: Readonly<Record<ChannelKind, readonly ConfigField[]>> = {
  widget: [
    { path: 'greeting.en', input: 'text', label: 'channels.config.greetingEn' },
    { path: 'greeting.zh', input: 'text', label: 'channels.config.greetingZh' },
    { path: 'menu', input: 'checkbox', label: 'channels.config.menu' },
    ...routing,
  ],
  whatsapp: [{ path: 'phoneNumberId', input: 'text', label: 'channels.config.phoneNumberId' }, apiBaseUrl, ...routing],
  telegram: [apiBaseUrl, ...routing],
  wechat: [{ path: 'appId', input: 'text', label: 'channels.config.appId' }, apiBaseUrl, ...routing],
  email: [
    { path: 'address', input: 'email', label: 'channels.config.address' },
    { path: 'fromName', input: 'text', label: 'channels.config.fromName' },
    { path: 'smtp.host', input: 'text', label: 'channels.config.smtpHost' },
    { path: 'smtp.port', input: 'number', label: 'channels.config.smtpPort' },
    { path: 'smtp.secure', input: 'checkbox', label: 'channels.config.smtpSecure' },
    { path: 'smtp.user', input: 'text', label: 'channels.config.smtpUser' },
    { path: 'trustSenderAddress', input: 'checkbox', label: 'channels.config.trustSenderAddress', hint: 'channels.hint.trustSenderAddress' },
    ...routing,
  ],
  api: [{ path: 'webhookUrl', input: 'url', label: 'channels.config.webhookUrl', hint: 'channels.hint.webhookUrl' }, ...routing],
};

const secretLabels: Readonly<Record<string, SecretKey>> = {
  identitySecret: 'channels.secret.identitySecret',
  appSecret: 'channels.secret.appSecret',
  verifyToken: 'channels.secret.verifyToken',
  accessToken: 'channels.secret.accessToken',
  botToken: 'channels.secret.botToken',
  webhookSecret: 'channels.secret.webhookSecret',
  token: 'channels.secret.token',
  encodingAESKey: 'channels.secret.encodingAESKey',
  smtpPassword: 'channels.secret.smtpPassword',
  apiToken: 'channels.secret.apiToken',
};

/** The label of a secret by its name. */
export function secretLabel(name: string): SecretKey {
  return secretLabels[name] ?? 'channels.secret.other';
}

/** The secrets a kind takes, in the order the shared schema names them, with their label. */
export function secretFields(kind: ChannelKind): { name: string; label: SecretKey; required: boolean }[] {
  return Object.keys(channelSecretSchemas[kind].shape).map((name) => ({
    name,
    label: secretLabel(name),
    required: REQUIRED_SECRETS[kind].includes(name),
  }));
}

/** What the admin typed. Secrets start empty: an empty one keeps what is stored. */
export interface ChannelForm {
  /** The channel being changed; null while adding one. */
  editing: string | null;
  /** The id of a new channel (optional: the server picks one). */
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  values: Readonly<Record<string, string | boolean>>;
  secrets: Readonly<Record<string, string>>;
  /** The config as loaded: settings the form does not show stay as they are. */
  base: Readonly<Record<string, unknown>>;
}

export function emptyChannelForm(kind: ChannelKind = 'whatsapp'): ChannelForm {
  return { editing: null, id: '', kind, name: '', enabled: true, values: {}, secrets: {}, base: {} };
}

function readPath(config: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = config;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The form for changing a channel, filled from what the server answered. */
export function channelFormOf(channel: ChannelView): ChannelForm {
  const values: Record<string, string | boolean> = {};
  for (const field of configFields[channel.kind]) {
    const value = readPath(channel.config, field.path);
    if (field.input === 'checkbox') values[field.path] = value === true;
    else if (typeof value === 'string' || typeof value === 'number') values[field.path] = String(value);
  }
  return { editing: channel.id, id: channel.id, kind: channel.kind, name: channel.name, enabled: channel.enabled, values, secrets: {}, base: channel.config };
}

/** Another kind picked while adding a channel: the settings start over, name and id stay. */
export function withKind(form: ChannelForm, kind: ChannelKind): ChannelForm {
  return { ...form, kind, values: {}, secrets: {}, base: {} };
}

function cloneObject(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function writePath(config: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = config;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) {
      if (value === undefined) return;
      target[part] = {};
    }
    target = target[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

/** Drops objects the form emptied (a greeting with neither language). */
function pruneEmpty(config: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(config)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(pruneEmpty(value as Record<string, unknown>)).length === 0) {
      delete config[key];
    }
  }
  return config;
}

/**
 * The config to send: the loaded one with the form's settings written over it. An empty text
 * removes the setting; an unticked box removes it unless it was set to false before.
 */
export function configOf(form: ChannelForm): Record<string, unknown> {
  const config = cloneObject(form.base);
  for (const field of configFields[form.kind]) {
    const value = form.values[field.path];
    if (field.input === 'checkbox') {
      const before = readPath(form.base, field.path);
      writePath(config, field.path, value === true ? true : before === false ? false : undefined);
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') writePath(config, field.path, undefined);
    else if (field.input === 'number') writePath(config, field.path, /^\d+$/.test(text) ? Number(text) : text);
    else writePath(config, field.path, text);
  }
  return pruneEmpty(config);
}

/** The secrets typed into the form; the ones left empty keep their stored value. */
export function typedSecrets(form: ChannelForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name } of secretFields(form.kind)) {
    const value = form.secrets[name] ?? '';
    if (value !== '') out[name] = value;
  }
  return out;
}

/** Why a field cannot be saved as it is. */
export type ChannelProblem = Extract<MessageKey, `channels.problem.${string}`>;
export type ChannelProblems = Readonly<Record<string, ChannelProblem>>;

type Issue = z.ZodError['issues'][number];

function problemOf(issue: Issue, present: boolean): ChannelProblem {
  if (issue.code === 'invalid_type') return !present ? 'channels.problem.required' : issue.expected === 'number' ? 'channels.problem.port' : 'channels.problem.invalid';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'channels.problem.required';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'channels.problem.url';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'channels.problem.email';
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return 'channels.problem.port';
  if (issue.code === 'too_big') return 'channels.problem.tooLong';
  return 'channels.problem.invalid';
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the form by the rules the server applies (the shared schemas), keyed by field: `name`,
 * `id`, `config.<path>`, `secrets.<name>`. Empty when it can be saved.
 */
export function validateChannelForm(form: ChannelForm): ChannelProblems {
  const problems: Record<string, ChannelProblem> = {};
  const name = form.name.trim();
  if (name === '') problems['name'] = 'channels.problem.required';
  else if (name.length > 100) problems['name'] = 'channels.problem.tooLong';
  const id = form.id.trim();
  if (form.editing === null && id !== '' && !ID_PATTERN.test(id)) problems['id'] = 'channels.problem.id';
  const written = configOf(form);
  const config = channelConfigSchemas[form.kind].safeParse(written);
  if (!config.success) {
    for (const issue of config.error.issues) {
      const field = channelIssueField('config', issue.path);
      problems[field] ??= problemOf(issue, readPath(written, issue.path.map(String).join('.')) !== undefined);
    }
  }
  for (const [secret, value] of Object.entries(typedSecrets(form))) {
    if (value.length > 500) {
      problems[`secrets.${secret}`] = 'channels.problem.tooLong';
      continue;
    }
    const checked = channelSecretSchemas[form.kind].safeParse({ [secret]: value });
    if (!checked.success) {
      const rule = secretRuleOf(checked.error.issues[0]?.message);
      problems[`secrets.${secret}`] = rule ? secretRuleProblem(rule) : 'channels.problem.invalid';
    }
  }
  return problems;
}

const SECRET_RULE_PROBLEMS: Record<SecretRule, ChannelProblem> = {
  telegram_secret_token: 'channels.problem.telegramSecretToken',
  telegram_bot_token: 'channels.problem.telegramBotToken',
  wechat_token: 'channels.problem.wechatToken',
  wechat_aes_key: 'channels.problem.wechatAesKey',
  visible_ascii: 'channels.problem.visibleAscii',
};

/** What a secret refused by its platform's rule is told, by the rule (the form's own check or the server's `details.rule`). */
export function secretRuleProblem(rule: SecretRule): ChannelProblem {
  return SECRET_RULE_PROBLEMS[rule];
}

/**
 * The `channels.save` arguments: a new channel whole; a change with only what changed (the config
 * only when it differs, secrets only those typed). Null when nothing changed.
 */
export function channelSaveArgs(form: ChannelForm, current: ChannelView | null): MethodArgs<'channels.save'> | null {
  const config = configOf(form);
  const secrets = typedSecrets(form);
  const name = form.name.trim();
  if (form.editing === null || current === null) {
    const id = form.id.trim();
    return { op: 'create', channel: { ...(id ? { id } : {}), kind: form.kind, name, enabled: form.enabled, config, secrets } };
  }
  const changes: Extract<MethodArgs<'channels.save'>, { op: 'update' }>['changes'] = {};
  if (name !== current.name) changes.name = name;
  if (form.enabled !== current.enabled) changes.enabled = form.enabled;
  if (JSON.stringify(sortKeys(config)) !== JSON.stringify(sortKeys(current.config))) changes.config = config;
  if (Object.keys(secrets).length > 0) changes.secrets = secrets;
  return Object.keys(changes).length === 0 ? null : { op: 'update', id: current.id, changes };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The field a server refusal points at (`details.field` of a `bad_request`), or null for the whole form. */
export function refusedField(error: AppErrorShape): string | null {
  if (error.code !== 'bad_request') return null;
  const field = error.details?.['field'];
  if (!field || field === 'channel' || field === 'config' || field === 'secrets') return null;
  return field;
}

/** The full URL the platform is given: the webhook's path on this server. */
export function webhookUrl(serverUrl: string | null, path: string): string {
  if (!serverUrl) return path;
  try {
    return new URL(path, serverUrl).toString();
  } catch {
    return path;
  }
}

/** Channels in the list: enabled first, then by name. */
export function sortChannels(channels: readonly ChannelView[], locale?: string): ChannelView[] {
  return [...channels].sort(
    (a, b) => Number(b.enabled) - Number(a.enabled) || a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : 1),
  );
}
