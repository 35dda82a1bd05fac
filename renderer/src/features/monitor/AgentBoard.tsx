import { useMemo } from 'react';
import { useController } from '../../app/controller-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useTeamStore } from '../../stores/team-store';
import { RetryNotice } from '../common/RetryNotice';
import { boardEntries, summarizeBoard, type BoardEntry } from './board-logic';

/**
 * Every colleague with their presence, load against their limit (a bar) and skill groups: online
 * first, the most loaded first within each presence. Live from `team.member`.
 */
export function AgentBoard() {
  const t = useT();
  const language = useLanguage();
  const controller = useController();
  const agents = useTeamStore((s) => s.agents);
  const groups = useTeamStore((s) => s.groups);
  const status = useTeamStore((s) => s.status);
  const error = useTeamStore((s) => s.error);
  const connection = useConnectionStore((s) => s.connection?.status ?? null);
  // Offline the monitor says so once; the board keeps its last known state without an error of its own.
  const offline = connection === 'offline' || connection === 'signed_out';
  const entries = useMemo(() => boardEntries(agents, groups, language), [agents, groups, language]);
  const summary = useMemo(() => summarizeBoard(agents), [agents]);

  return (
    <section className="agent-board" aria-labelledby="agent-board-heading" data-testid="agent-board">
      <div className="pane-header">
        <h3 id="agent-board-heading" className="pane-title">
          {t('monitor.board.heading')}
        </h3>
        {agents.length > 0 && (
          <span className="pane-meta" data-testid="agent-board-summary">
            {t('monitor.board.summary', { online: summary.online, load: summary.load, capacity: summary.capacity })}
          </span>
        )}
      </div>
      {status === 'failed' && error && !offline && (
        <RetryNotice
          message={t('monitor.board.loadFailed', { reason: describeError(t, error) })}
          onRetry={() => void controller.loadTeam()}
        />
      )}
      {(status === 'loading' || status === 'idle') && agents.length === 0 && (
        <p className="pane-empty" role="status">
          {t('monitor.board.loading')}
        </p>
      )}
      {status === 'ready' && agents.length === 0 && <p className="pane-empty">{t('monitor.board.empty')}</p>}
      {entries.length > 0 && (
        <ul className="agent-board-list" role="list" aria-labelledby="agent-board-heading">
          {entries.map((entry) => (
            <AgentCard key={entry.member.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AgentCard({ entry }: { entry: BoardEntry }) {
  const t = useT();
  const { member, groupNames, loadPercent, full } = entry;
  const loadTitle = t('monitor.board.loadTitle', { load: member.load, max: member.maxChats, percent: loadPercent });
  return (
    <li
      className="agent-card"
      data-testid="agent-card"
      data-agent-id={member.id}
      data-presence={member.presence}
      data-full={full ? 'true' : undefined}
    >
      <div className="agent-card-top">
        <span className="presence-dot" data-presence={member.presence} aria-hidden="true" />
        <span className="agent-card-name">{member.name}</span>
        <span className="agent-card-role">{t(`role.${member.role}`)}</span>
        <span className="agent-card-presence" data-presence={member.presence}>
          {t(`presence.${member.presence}`)}
        </span>
      </div>
      <div className="agent-card-load" title={loadTitle}>
        <span className="load-bar" aria-hidden="true">
          <span className="load-bar-fill" style={{ width: `${loadPercent}%` }} data-level={full ? 'full' : loadPercent >= 60 ? 'high' : 'ok'} />
        </span>
        <span className="agent-card-load-text" data-testid="agent-load-text">
          {t('monitor.board.load', { load: member.load, max: member.maxChats })}
          {full && <span className="agent-card-full"> {t('monitor.board.full')}</span>}
        </span>
        <span className="visually-hidden">{loadTitle}</span>
      </div>
      {groupNames.length > 0 && (
        <div className="agent-card-groups">
          {groupNames.map((name) => (
            <span key={name} className="group-badge">
              {name}
            </span>
          ))}
        </div>
      )}
    </li>
  );
}
