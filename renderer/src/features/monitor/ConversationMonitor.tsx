import { useMemo, type MouseEvent } from 'react';
import { useController } from '../../app/controller-context';
import { useSupervision } from '../../app/supervision-context';
import { contactNameText, describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatDuration } from '../../lib/duration';
import { formatFull } from '../../lib/time';
import { useSecondTick } from '../../lib/use-second-tick';
import { useInboxStore } from '../../stores/inbox-store';
import { useSupervisionStore } from '../../stores/supervision-store';
import { useTeamStore } from '../../stores/team-store';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { RetryNotice } from '../common/RetryNotice';
import { MonitorFilters } from './MonitorFilters';
import { useMonitorFilterStore } from './monitor-filter-store';
import {
  filterRows,
  isFiltered,
  monitorRows,
  noFilter,
  sortRows,
  stateLabelKey,
  summarize,
  toggleSort,
  waitingLevel,
  waitingSeconds,
  type MonitorRow,
  type SortKey,
} from './monitor-logic';

/**
 * The table of every active conversation: who the customer is, who has them, where they stand,
 * how long they have waited for an answer (ticking), sensitive-word flags and who is in them now.
 * Sortable by waiting time, state and agent; a row opens the conversation in the inbox.
 */
export function ConversationMonitor() {
  const t = useT();
  const language = useLanguage();
  const controller = useController();
  const supervision = useSupervision();
  const conversations = useInboxStore((s) => s.conversations);
  const me = useInboxStore((s) => s.me);
  const status = useInboxStore((s) => s.status);
  const error = useInboxStore((s) => s.error);
  const alerts = useSupervisionStore((s) => s.alerts);
  const activity = useSupervisionStore((s) => s.activity);
  const agents = useTeamStore((s) => s.agents);
  const filter = useMonitorFilterStore((s) => s.filter);
  const sort = useMonitorFilterStore((s) => s.sort);
  const setSort = useMonitorFilterStore((s) => s.setSort);
  const setFilter = useMonitorFilterStore((s) => s.setFilter);

  const rows = useMemo(() => monitorRows(conversations, alerts, activity, me), [conversations, alerts, activity, me]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort, language), [rows, filter, sort, language]);
  const summary = useMemo(() => summarize(rows), [rows]);
  const names = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);

  function header(key: SortKey, label: string) {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="sort-button"
          data-testid={`monitor-sort-${key}`}
          data-active={active ? 'true' : undefined}
          onClick={() => setSort(toggleSort(sort, key))}
        >
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  }

  return (
    <section className="monitor-conversations" aria-labelledby="monitor-conversations-heading">
      <div className="pane-header">
        <h3 id="monitor-conversations-heading" className="pane-title">
          {t('monitor.tableLabel')}
        </h3>
        <p className="monitor-summary" data-testid="monitor-summary">
          <span>{t('monitor.summary.active', { count: summary.active })}</span>
          <span data-emphasis={summary.waitingForAgent > 0 ? 'true' : undefined}>
            {t('monitor.summary.waitingForAgent', { count: summary.waitingForAgent })}
          </span>
          <span>{t('monitor.summary.unanswered', { count: summary.unanswered })}</span>
          {summary.alerts > 0 && (
            <span className="monitor-summary-alerts">{t('monitor.summary.alerts', { count: summary.alerts })}</span>
          )}
        </p>
      </div>
      <MonitorFilters rows={rows} />

      {status === 'failed' && error && (
        <RetryNotice
          message={t('monitor.loadFailed', { reason: describeError(t, error) })}
          onRetry={() => void controller.loadConversations()}
        />
      )}
      {status === 'loading' && rows.length === 0 && (
        <p className="pane-empty" role="status">
          {t('monitor.loading')}
        </p>
      )}
      {status === 'ready' && rows.length === 0 && <p className="pane-empty">{t('monitor.empty')}</p>}
      {rows.length > 0 && shown.length === 0 && (
        <div className="pane-empty monitor-empty-filtered">
          <p>{t('monitor.emptyFiltered')}</p>
          {isFiltered(filter) && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setFilter(noFilter)}
            >
              {t('monitor.filter.clear')}
            </button>
          )}
        </div>
      )}

      <p id="monitor-open-hint" className="visually-hidden">
        {t('monitor.openHint')}
      </p>
      {shown.length > 0 && (
        <div className="monitor-table-wrap">
          <table className="data-table monitor-table" aria-labelledby="monitor-conversations-heading" data-testid="monitor-table">
            <thead>
              <tr>
                <th scope="col">{t('monitor.col.customer')}</th>
                <th scope="col">{t('monitor.col.channel')}</th>
                {header('agent', t('monitor.col.agent'))}
                {header('state', t('monitor.col.state'))}
                <th scope="col">{t('monitor.col.group')}</th>
                {header('waiting', t('monitor.col.waiting'))}
                <th scope="col">{t('monitor.col.alert')}</th>
                <th scope="col">{t('monitor.col.activity')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <MonitorRowView
                  key={row.id}
                  row={row}
                  offeredToName={row.offeredToId ? (names.get(row.offeredToId) ?? null) : null}
                  onOpen={() => supervision.openConversation(row.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface MonitorRowViewProps {
  row: MonitorRow;
  offeredToName: string | null;
  onOpen(): void;
}

function MonitorRowView({ row, offeredToName, onOpen }: MonitorRowViewProps) {
  const t = useT();
  const language = useLanguage();
  // The whole row opens the conversation for the mouse; the customer's button is the keyboard's way.
  function onRowClick(event: MouseEvent<HTMLTableRowElement>) {
    if (event.target instanceof Element && event.target.closest('button')) return;
    onOpen();
  }
  return (
    <tr
      className="monitor-row"
      data-testid="monitor-row"
      data-conversation-id={row.id}
      data-state={row.state}
      data-alert={row.alert ? 'true' : undefined}
      onClick={onRowClick}
    >
      <th scope="row">
        <button
          type="button"
          className="monitor-open"
          aria-label={t('monitor.open', { name: contactNameText(t, row.contactName, row.contactNameGenerated) })}
          aria-describedby="monitor-open-hint"
          onClick={onOpen}
        >
          {contactNameText(t, row.contactName, row.contactNameGenerated)}
        </button>
        {row.priority > 0 && (
          <span className="priority-badge" title={t('routing.priorityTitle', { priority: row.priority })}>
            <span aria-hidden="true">▲ </span>
            {t('routing.priority')}
          </span>
        )}
      </th>
      <td>
        <ChannelBadge kind={row.channelKind} />
      </td>
      <td data-testid="monitor-agent">
        {row.agentId ? (
          (row.agentName ?? row.agentId)
        ) : (
          <>
            <span className="monitor-none" aria-hidden="true" title={t('monitor.unassigned')}>
              {t('monitor.none')}
            </span>
            <span className="visually-hidden">{t('monitor.unassigned')}</span>
          </>
        )}
      </td>
      <td data-testid="monitor-state">
        <span className="monitor-state" data-state={row.state}>
          {t(stateLabelKey(row.state))}
        </span>
        {row.state === 'offered' && offeredToName && (
          <span className="monitor-offered-to"> {t('monitor.offeredTo', { name: offeredToName })}</span>
        )}
      </td>
      <td>{row.groupName ?? <span className="monitor-none">{t('monitor.none')}</span>}</td>
      <td data-testid="monitor-waiting">
        {row.waitingSince ? (
          <WaitingTime since={row.waitingSince} />
        ) : (
          <span className="monitor-none" title={t('monitor.notWaiting')}>
            <span aria-hidden="true">{t('monitor.none')}</span>
            <span className="visually-hidden">{t('monitor.notWaiting')}</span>
          </span>
        )}
      </td>
      <td>
        {row.alert && (
          <span
            className="monitor-alert"
            data-testid="monitor-alert"
            title={`${t('monitor.alertTitle', { words: row.alert.words.join(t('monitor.separator')), excerpt: row.alert.excerpt })} · ${formatFull(row.alert.at, language)}`}
          >
            <span aria-hidden="true">⚠ </span>
            {t('monitor.alert')}
            {row.alert.count > 1 && <span className="monitor-alert-count"> ×{row.alert.count}</span>}
            <span className="visually-hidden">: {row.alert.words.join(t('monitor.separator'))}</span>
          </span>
        )}
      </td>
      <td>
        {row.activity.length > 0 && (
          <ul className="monitor-activity" role="list">
            {row.activity.map((a) => (
              <li
                key={a.userId}
                data-activity={a.state}
                title={a.state === 'typing' && a.preview ? t('monitor.typingTitle', { name: a.name, preview: a.preview }) : undefined}
              >
                {a.state === 'typing' ? t('monitor.typing', { name: a.name }) : t('monitor.viewing', { name: a.name })}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** How long the customer has waited for an answer, a second more each second. */
function WaitingTime({ since }: { since: string }) {
  const t = useT();
  const now = useSecondTick();
  const seconds = waitingSeconds({ waitingSince: since }, now);
  const time = formatDuration(seconds ?? 0);
  return (
    <time className="monitor-waiting" dateTime={since} data-level={waitingLevel(seconds)} title={t('monitor.waitingTitle', { time })}>
      {time}
    </time>
  );
}
