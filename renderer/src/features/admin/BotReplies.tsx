import { useEffect, useMemo, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { BotRule } from '../../../../shared/knowledge';
import { useKnowledgeAdmin } from '../../app/knowledge-admin-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { useBotAdminStore } from '../../stores/bot-admin-store';
import { emptyRuleDraft, ruleDraftOf, ruleLabel, ruleSaveArgs, rulesOfKind, scenarioRuleOf, type RuleDraft } from './bot-admin-logic';
import { RuleForm } from './RuleForm';
import { RowActions } from '../common/RowActions';
import { ActionsColumnHeader } from '../common/ActionsColumnHeader';
import { RetryNotice } from '../common/RetryNotice';

type Done = (text: string) => void;

/** The greeting or the off-hours notice: the one reply of its kind the bot uses, in both languages. */
function ScenarioReply({ kind, rule, rules, offline, onDone }: {
  kind: 'greeting' | 'off_hours';
  rule: BotRule | null;
  rules: readonly BotRule[];
  offline: boolean;
  onDone: Done;
}) {
  const t = useT();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? ruleDraftOf(rule) : emptyRuleDraft(kind)));
  return (
    <div className="bot-scenario" data-testid={`bot-scenario-${kind}`}>
      <p className="dialog-muted dialog-hint">{t(`botAdmin.scenarioHint.${kind}`)}</p>
      <RuleForm
        draft={draft}
        onChange={setDraft}
        rules={rules}
        offline={offline}
        title={t(`botAdmin.kind.${kind}`)}
        testId={`bot-scenario-${kind}-form`}
        onSaved={(saved) => {
          setDraft(ruleDraftOf(saved));
          onDone(t('botAdmin.saved', { name: ruleLabel(t, saved) }));
        }}
      />
    </div>
  );
}

/** Keyword or order-status replies: a form to add or change one, and the list with on/off and a two-step delete. */
function RuleList({ kind, rules, offline, onDone }: { kind: 'keyword' | 'order_status'; rules: readonly BotRule[]; offline: boolean; onDone: Done }) {
  const t = useT();
  const language = useLanguage();
  const admin = useKnowledgeAdmin();
  const [draft, setDraft] = useState<RuleDraft>(() => emptyRuleDraft(kind));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ name: string; error: AppErrorShape } | null>(null);
  const listed = useMemo(() => rulesOfKind(rules, kind, language), [rules, kind, language]);
  const editing = draft.id ? rules.find((r) => r.id === draft.id) : undefined;

  async function toggle(rule: BotRule) {
    setBusy(rule.id);
    setError(null);
    try {
      const saved = await admin.saveRule(ruleSaveArgs({ ...ruleDraftOf(rule), enabled: !rule.enabled }));
      onDone(t(saved.enabled ? 'botAdmin.enabledDone' : 'botAdmin.disabledDone', { name: ruleLabel(t, saved) }));
    } catch (err) {
      setError({ name: ruleLabel(t, rule), error: toAppError(err).toJSON() });
    } finally {
      setBusy(null);
    }
  }

  async function remove(rule: BotRule) {
    setBusy(rule.id);
    setError(null);
    try {
      await admin.deleteRule(rule.id);
      onDone(t('botAdmin.deleted', { name: ruleLabel(t, rule) }));
      if (draft.id === rule.id) setDraft(emptyRuleDraft(kind));
    } catch (err) {
      setError({ name: ruleLabel(t, rule), error: toAppError(err).toJSON() });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const heading = kind === 'keyword' ? 'botAdmin.keywordHeading' : 'botAdmin.orderHeading';
  return (
    <section className="bot-rule-list" aria-labelledby={`bot-${kind}-heading`} data-testid={`bot-${kind}`}>
      <h4 id={`bot-${kind}-heading`} className="admin-section-title">
        {t(heading)}
      </h4>
      <p className="admin-section-intro">{t(kind === 'keyword' ? 'botAdmin.keywordIntro' : 'botAdmin.orderIntro')}</p>
      <RuleForm
        key={draft.id ?? 'new'}
        draft={draft}
        onChange={setDraft}
        rules={rules}
        offline={offline}
        title={editing ? t('botAdmin.editTitle', { name: ruleLabel(t, editing) }) : t(kind === 'keyword' ? 'botAdmin.addKeyword' : 'botAdmin.addOrder')}
        testId={`bot-${kind}-form`}
        onSaved={(saved) => {
          onDone(t(draft.id ? 'botAdmin.saved' : 'botAdmin.added', { name: ruleLabel(t, saved) }));
          setDraft(emptyRuleDraft(kind));
        }}
        onCancel={draft.id ? () => setDraft(emptyRuleDraft(kind)) : undefined}
      />
      {error && (
        <p className="form-error" role="alert" title={error.error.message}>
          {t('botAdmin.changeFailed', { name: error.name, reason: describeError(t, error.error) })}
        </p>
      )}
      {listed.length === 0 ? (
        <p className="pane-empty">{t(kind === 'keyword' ? 'botAdmin.noKeywords' : 'botAdmin.noOrderReplies')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="data-table bot-rule-table" aria-label={t(heading)} data-testid={`bot-${kind}-table`}>
            <thead>
              <tr>
                <th scope="col">{kind === 'keyword' ? t('botAdmin.col.keyword') : t('botAdmin.col.status')}</th>
                <th scope="col">{t('botAdmin.col.reply')}</th>
                <th scope="col">{t('botAdmin.col.priority')}</th>
                <th scope="col">{t('botAdmin.col.enabled')}</th>
                <ActionsColumnHeader label={t('botAdmin.col.actions')} />
              </tr>
            </thead>
            <tbody>
              {listed.map((rule) => {
                const name = ruleLabel(t, rule);
                return (
                  <tr key={rule.id} data-testid="bot-rule-row" data-rule-id={rule.id} data-editing={draft.id === rule.id ? 'true' : undefined}>
                    <th scope="row">
                      {kind === 'keyword' && <span className="sensitive-action">{t(`botAdmin.match.${rule.match ?? 'contains'}`)}</span>}{' '}
                      <span className={rule.match === 'regex' ? 'sensitive-pattern-regex' : undefined}>{rule.pattern}</span>
                    </th>
                    <td>
                      <dl className="audit-details">
                        {rule.replyZh !== '' && (
                          <div>
                            <dt>{t('kbAdmin.lang.zh')}</dt>
                            <dd>{rule.replyZh}</dd>
                          </div>
                        )}
                        {rule.replyEn !== '' && (
                          <div>
                            <dt>{t('kbAdmin.lang.en')}</dt>
                            <dd>{rule.replyEn}</dd>
                          </div>
                        )}
                      </dl>
                    </td>
                    <td>{rule.priority}</td>
                    <td>
                      <button
                        type="button"
                        role="switch"
                        className="kb-switch"
                        aria-checked={rule.enabled}
                        aria-label={t('botAdmin.enabledLabel', { name })}
                        disabled={offline || busy !== null}
                        onClick={() => void toggle(rule)}
                      >
                        {rule.enabled ? t('kbAdmin.on') : t('kbAdmin.off')}
                      </button>
                    </td>
                    <td>
                      <RowActions
                        confirming={confirming === rule.id}
                        confirm={{
                          question: t('botAdmin.confirmDelete'),
                          deleteText: busy === rule.id ? t('botAdmin.deleting') : t('botAdmin.delete'),
                          deleteLabel: t('botAdmin.confirmDeleteLabel', { name }),
                          deleteDisabled: offline || busy !== null,
                          keepText: t('botAdmin.keep'),
                          keepDisabled: busy !== null,
                          onDelete: () => void remove(rule),
                          onKeep: () => setConfirming(null),
                        }}
                        edit={{
                          text: t('botAdmin.edit'),
                          label: t('botAdmin.editLabel', { name }),
                          disabled: offline,
                          onClick: () => setDraft(ruleDraftOf(rule)),
                        }}
                        remove={{
                          text: t('botAdmin.delete'),
                          label: t('botAdmin.deleteLabel', { name }),
                          disabled: offline || busy !== null,
                          onClick: () => setConfirming(rule.id),
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The bot's replies: the greeting on a customer's first message and the off-hours notice (each in
 * Chinese and English), keyword replies, and replies sent when an order reaches a status.
 */
export function BotReplies({ offline }: { offline: boolean }) {
  const t = useT();
  const admin = useKnowledgeAdmin();
  const { rules, rulesStatus, rulesError } = useBotAdminStore();
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!offline) void admin.loadRules();
  }, [offline, admin]);

  const greeting = scenarioRuleOf(rules, 'greeting');
  const offHours = scenarioRuleOf(rules, 'off_hours');

  return (
    <div className="bot-replies-view" data-testid="bot-replies">
      {done && (
        <p className="admin-success" role="status" data-testid="bot-done">
          {done}
        </p>
      )}
      {rulesStatus === 'failed' && rulesError && !offline && (
        <RetryNotice
          message={t('botAdmin.loadFailed', { reason: describeError(t, rulesError) })}
          title={rulesError.message}
          onRetry={() => void admin.loadRules()}
        />
      )}
      {rulesStatus === 'loading' && rules.length === 0 && (
        <p className="pane-empty" role="status">
          {t('botAdmin.loading')}
        </p>
      )}
      {(rulesStatus === 'ready' || rules.length > 0) && (
        <>
          <section className="bot-rule-list" aria-labelledby="bot-scenario-heading">
            <h4 id="bot-scenario-heading" className="admin-section-title">
              {t('botAdmin.scenarioHeading')}
            </h4>
            <div className="bot-scenarios">
              <ScenarioReply key={`g-${greeting?.id ?? ''}-${greeting?.updatedAt ?? ''}`} kind="greeting" rule={greeting} rules={rules} offline={offline} onDone={setDone} />
              <ScenarioReply key={`o-${offHours?.id ?? ''}-${offHours?.updatedAt ?? ''}`} kind="off_hours" rule={offHours} rules={rules} offline={offline} onDone={setDone} />
            </div>
          </section>
          <RuleList kind="keyword" rules={rules} offline={offline} onDone={setDone} />
          <RuleList kind="order_status" rules={rules} offline={offline} onDone={setDone} />
        </>
      )}
    </div>
  );
}
