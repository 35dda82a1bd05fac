import { useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useSessionStore } from '../../stores/session-store';
import { AuditLog } from './AuditLog';
import { SensitiveWords } from './SensitiveWords';
import { TeamAdmin } from './TeamAdmin';
import { RoutingSettings } from './RoutingSettings';
import { KnowledgeAdmin } from './KnowledgeAdmin';
import { BotAdmin } from './BotAdmin';
import { ChannelsAdmin } from './ChannelsAdmin';
import { AiSettingsAdmin } from './AiSettingsAdmin';
import { TicketAdmin } from './TicketAdmin';
import { ConversationTagsAdmin } from './ConversationTagsAdmin';
import { CsatSettingsAdmin } from './CsatSettingsAdmin';
import { WeeklyReportAdmin } from './WeeklyReportAdmin';
import { QuickRepliesAdmin } from './QuickRepliesAdmin';
import type { MessageKey } from '../../i18n/en';

const ALL_SECTIONS = ['audit', 'sensitive', 'team', 'settings', 'channels', 'kb', 'quick', 'bot', 'tickets', 'tags', 'csat', 'weekly', 'ai'] as const;
type Section = (typeof ALL_SECTIONS)[number];

/** A section's tab label (the knowledge base and bot sections keep their words under their own keys). */
const sectionLabel = (s: Section): MessageKey => (s === 'kb' ? 'kbAdmin.section' : s === 'bot' ? 'botAdmin.section' : `admin.section.${s}`);

/** The admin screen: the audit log, the sensitive word list, the team and the routing settings, one at a time. */
/** What a supervisor's admin screen holds: the audit log (read), team quick replies, the chat tags (read). */
const SUPERVISOR_SECTIONS: readonly Section[] = ['audit', 'quick', 'tags'];

export function AdminView() {
  const t = useT();
  const role = useSessionStore((s) => s.session?.user?.role);
  const sections = role === 'admin' ? ALL_SECTIONS : SUPERVISOR_SECTIONS;
  const [section, setSection] = useState<Section>('audit');
  const status = useConnectionStore((s) => s.connection?.status ?? null);
  const offline = status === 'offline' || status === 'signed_out';
  const tabsRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = sections.indexOf(section);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % sections.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + sections.length) % sections.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = sections.length - 1;
    const target = next === null ? undefined : sections[next];
    if (!target) return;
    event.preventDefault();
    setSection(target);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#admin-tab-${target}`)?.focus();
  }

  return (
    <main className="view admin" aria-labelledby="admin-heading" data-testid="admin-view">
      <div className="view-header">
        <h2 id="admin-heading" className="view-title">
          {t('admin.heading')}
        </h2>
        <div className="inbox-tabs admin-tabs" role="tablist" aria-label={t('admin.sectionsLabel')} ref={tabsRef} onKeyDown={onKeyDown}>
          {sections.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              id={`admin-tab-${s}`}
              className="inbox-tab"
              data-testid={`admin-tab-${s}`}
              aria-selected={s === section}
              aria-controls="admin-panel"
              tabIndex={s === section ? 0 : -1}
              onClick={() => setSection(s)}
            >
              {t(sectionLabel(s))}
            </button>
          ))}
        </div>
      </div>
      <div className="admin-panel" role="tabpanel" id="admin-panel" aria-labelledby={`admin-tab-${section}`}>
        {section === 'audit' && <AuditLog offline={offline} />}
        {section === 'sensitive' && <SensitiveWords offline={offline} />}
        {section === 'team' && <TeamAdmin offline={offline} />}
        {section === 'settings' && <RoutingSettings offline={offline} />}
        {section === 'channels' && <ChannelsAdmin offline={offline} />}
        {section === 'kb' && <KnowledgeAdmin offline={offline} />}
        {section === 'quick' && <QuickRepliesAdmin offline={offline} />}
        {section === 'bot' && <BotAdmin offline={offline} />}
        {section === 'tickets' && <TicketAdmin offline={offline} />}
        {section === 'tags' && <ConversationTagsAdmin offline={offline} />}
        {section === 'csat' && <CsatSettingsAdmin offline={offline} />}
        {section === 'weekly' && <WeeklyReportAdmin offline={offline} />}
        {section === 'ai' && <AiSettingsAdmin offline={offline} />}
      </div>
    </main>
  );
}
