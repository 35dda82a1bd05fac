import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { secretRuleOf, type ChannelView } from '../../../../shared/channels';
import type { SkillGroup } from '../../../../shared/domain';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useChannelAdmin } from '../../app/channel-admin-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import {
  channelFormOf,
  channelKinds,
  channelSaveArgs,
  configFields,
  emptyChannelForm,
  refusedField,
  secretFields,
  secretRuleProblem,
  validateChannelForm,
  withKind,
  type ChannelForm as Form,
  type ChannelProblems,
  type ConfigField,
} from './channel-form-logic';

type Props = {
  /** The channel being changed, or null to add one. */
  channel: ChannelView | null;
  groups: readonly SkillGroup[];
  offline: boolean;
  onDone(saved: ChannelView, created: boolean): void;
  onCancel(): void;
};

/**
 * Adds or changes a channel: its kind (when adding), name, on/off, the kind's settings and its
 * secrets. Secrets are never shown: a set one reads as set, and is replaced only when something is
 * typed. Problems are marked at their field, the server's refusals too (by `details.field`).
 */
export function ChannelForm({ channel, groups, offline, onDone, onCancel }: Props) {
  const t = useT();
  const controller = useChannelAdmin();
  const [form, setForm] = useState<Form>(() => (channel ? channelFormOf(channel) : emptyChannelForm()));
  const [problems, setProblems] = useState<ChannelProblems>({});
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<AppErrorShape | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const baseId = useId();
  const fieldId = (name: string) => `${baseId}-${name.replace(/\./g, '-')}`;
  const titleId = `${baseId}-title`;
  const editing = channel !== null;
  const secrets = useMemo(() => secretFields(form.kind), [form.kind]);
  const refusedAt = refusal ? refusedField(refusal) : null;
  const locked = offline || saving;

  function change(next: Partial<Form> | ((f: Form) => Form)) {
    setForm((f) => (typeof next === 'function' ? next(f) : { ...f, ...next }));
    setProblems({});
    setRefusal(null);
    setUnchanged(false);
  }

  const setValue = (path: string, value: string | boolean) => change((f) => ({ ...f, values: { ...f.values, [path]: value } }));
  const setSecret = (name: string, value: string) => change((f) => ({ ...f, secrets: { ...f.secrets, [name]: value } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (locked) return;
    const found = validateChannelForm(form);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      focusField(Object.keys(found)[0]!);
      return;
    }
    const args = channelSaveArgs(form, channel);
    if (!args) {
      setUnchanged(true);
      return;
    }
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await controller.save(args);
      onDone(saved, !editing);
    } catch (err) {
      const error = toAppError(err).toJSON();
      setRefusal(error);
      const field = refusedField(error);
      if (field) focusField(field);
    } finally {
      setSaving(false);
    }
  }

  function focusField(name: string) {
    // After React marked it: the field is in the DOM already, only its state changes.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(name))}`)?.focus());
  }

  /** The problem shown under a field: the form's own check, or the server's refusal naming it. */
  function problemAt(name: string): ReactNode {
    const problem = problems[name];
    if (problem) return t(problem);
    if (refusal && refusedAt === name) {
      const rule = secretRuleOf(refusal.details?.['rule']);
      return rule ? t(secretRuleProblem(rule)) : describeError(t, refusal);
    }
    return null;
  }

  function fieldProps(name: string) {
    const problem = problemAt(name);
    return {
      id: fieldId(name),
      'data-testid': `channel-field-${name}`,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${fieldId(name)}-problem` : undefined,
      disabled: locked,
    } as const;
  }

  function problemLine(name: string) {
    const problem = problemAt(name);
    if (!problem) return null;
    return (
      <p
        id={`${fieldId(name)}-problem`}
        className="dialog-field-error"
        role="alert"
        data-testid={`channel-problem-${name}`}
        title={refusedAt === name ? refusal?.message : undefined}
      >
        {problem}
      </p>
    );
  }

  function configInput(field: ConfigField) {
    const name = `config.${field.path}`;
    const value = form.values[field.path];
    if (field.input === 'checkbox') {
      return (
        <div className="field channel-check" key={name}>
          <label>
            <input type="checkbox" {...fieldProps(name)} checked={value === true} onChange={(e) => setValue(field.path, e.target.checked)} />
            {t(field.label)}
          </label>
          {field.hint && <p className="dialog-muted dialog-hint">{t(field.hint)}</p>}
          {problemLine(name)}
        </div>
      );
    }
    const text = typeof value === 'string' ? value : '';
    return (
      <div className="field" key={name}>
        <label htmlFor={fieldId(name)}>{t(field.label)}</label>
        {field.input === 'group' ? (
          <select {...fieldProps(name)} value={text} onChange={(e) => setValue(field.path, e.target.value)}>
            <option value="">{t('channels.noDefaultGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            {text !== '' && !groups.some((g) => g.id === text) && <option value={text}>{text}</option>}
          </select>
        ) : (
          <input
            {...fieldProps(name)}
            type={field.input === 'number' ? 'text' : field.input}
            inputMode={field.input === 'number' ? 'numeric' : undefined}
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={(e) => setValue(field.path, e.target.value)}
          />
        )}
        {field.hint && <p className="dialog-muted dialog-hint">{t(field.hint)}</p>}
        {problemLine(name)}
      </div>
    );
  }

  return (
    <form ref={formRef} className="channel-form" aria-labelledby={titleId} onSubmit={submit} noValidate data-testid="channel-form">
      <h4 id={titleId} className="channel-form-title">
        {editing ? t('channels.editTitle', { name: channel.name }) : t('channels.addTitle')}
      </h4>
      <div className="channel-fields">
        <div className="field">
          <label htmlFor={fieldId('kind')}>{t('channels.kind')}</label>
          <select
            {...fieldProps('kind')}
            value={form.kind}
            disabled={locked || editing}
            onChange={(e) => change((f) => withKind(f, channelKinds.find((k) => k === e.target.value) ?? f.kind))}
          >
            {channelKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`channel.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldId('name')}>{t('channels.name')}</label>
          <input {...fieldProps('name')} value={form.name} maxLength={200} onChange={(e) => change({ name: e.target.value })} />
          {problemLine('name')}
        </div>
        {!editing && (
          <div className="field">
            <label htmlFor={fieldId('id')}>{t('channels.id')}</label>
            <input {...fieldProps('id')} value={form.id} spellCheck={false} autoComplete="off" onChange={(e) => change({ id: e.target.value })} />
            <p className="dialog-muted dialog-hint">{t('channels.idHint')}</p>
            {problemLine('id')}
          </div>
        )}
        <div className="field channel-check">
          <label>
            <input type="checkbox" {...fieldProps('enabled')} checked={form.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
            {t('channels.enabled')}
          </label>
        </div>
      </div>

      <fieldset className="channel-fieldset">
        <legend>{t('channels.settings')}</legend>
        <div className="channel-fields">{configFields[form.kind].map(configInput)}</div>
      </fieldset>

      {secrets.length > 0 && (
        <fieldset className="channel-fieldset">
          <legend>{t('channels.secrets')}</legend>
          <p className="dialog-muted dialog-hint">{t('channels.secretsHint')}</p>
          <div className="channel-fields">
            {secrets.map((secret) => {
              const name = `secrets.${secret.name}`;
              const isSet = channel?.secretsSet.includes(secret.name) ?? false;
              return (
                <div className="field" key={name}>
                  <label htmlFor={fieldId(name)}>{t(secret.label)}</label>
                  <input
                    {...fieldProps(name)}
                    type="password"
                    autoComplete="new-password"
                    spellCheck={false}
                    placeholder={isSet ? t('channels.secretSet') : t('channels.secretNotSet')}
                    value={form.secrets[secret.name] ?? ''}
                    onChange={(e) => setSecret(secret.name, e.target.value)}
                  />
                  <p className="dialog-muted dialog-hint" data-testid={`channel-secret-state-${secret.name}`}>
                    {isSet ? t('channels.secretIsSet') : secret.required ? t('channels.secretNeeded') : t('channels.secretOptional')}
                  </p>
                  {problemLine(name)}
                </div>
              );
            })}
          </div>
        </fieldset>
      )}

      {refusal && refusedAt === null && (
        <p className="form-error" role="alert" title={refusal.message} data-testid="channel-save-error">
          {t('channels.saveFailed', { reason: describeChannelRefusal(t, refusal) })}
        </p>
      )}
      {unchanged && (
        <p className="dialog-muted" role="status">
          {t('channels.nothingChanged')}
        </p>
      )}
      <div className="channel-form-buttons">
        <button type="submit" className="button button-primary" data-testid="channel-save" disabled={locked}>
          {saving ? t('channels.saving') : editing ? t('channels.save') : t('channels.add')}
        </button>
        <button type="button" className="button button-quiet" disabled={saving} onClick={onCancel}>
          {t('channels.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A refusal of the whole form in words: a taken id has its own sentence. */
function describeChannelRefusal(t: Translate, error: AppErrorShape): string {
  if (error.code === 'conflict') return t('channels.idTaken');
  return describeError(t, error);
}
