import type { ReactNode } from 'react';
import type { SessionState } from '../../../shared/contract';
import { AiContext } from '../app/ai-context';
import { createAiController, type AiController } from '../app/ai-controller';
import { CsatContext } from '../app/csat-context';
import { createCsatController, type CsatController } from '../app/csat-controller';
import { WeeklyReportContext } from '../app/weekly-report-context';
import { createWeeklyReportController, type WeeklyReportController } from '../app/weekly-report-controller';
import { ChannelAdminContext } from '../app/channel-admin-context';
import { createChannelAdminController, type ChannelAdminController } from '../app/channel-admin-controller';
import { ControllerContext } from '../app/controller-context';
import { KnowledgeAdminContext } from '../app/knowledge-admin-context';
import { createKnowledgeAdminController, type KnowledgeAdminController } from '../app/knowledge-admin-controller';
import { KnowledgeContext } from '../app/knowledge-context';
import { createKnowledgeController, type KnowledgeController } from '../app/knowledge-controller';
import { appStores } from '../app/stores';
import { ReportsContext } from '../app/reports-context';
import { createReportsController, type ReportsController } from '../app/reports-controller';
import { SupervisionContext } from '../app/supervision-context';
import { createSupervisionController, type SupervisionController } from '../app/supervision-controller';
import { TicketsContext } from '../app/tickets-context';
import { createTicketsController, type TicketsController } from '../app/tickets-controller';
import { createWorkstationController, type WorkstationController } from '../app/workstation-controller';
import { useCreateTicketStore } from '../features/tickets/create-ticket-store';
import { useTicketsStore } from '../features/tickets/tickets-store';
import { useKnowledgeStore } from '../features/knowledge/knowledge-store';
import { useProfileStore } from '../features/profile/profile-store';
import { useTemplatesStore } from '../features/templates/templates-store';
import { useLanguageStore } from '../i18n/language-store';
import { translator, type Language, type Translate } from '../i18n/translate';
import { useBotAdminStore } from '../stores/bot-admin-store';
import { useChannelAdminStore } from '../stores/channel-admin-store';
import { useKbAdminStore } from '../stores/kb-admin-store';
import { useRoutingSettingsStore } from '../stores/routing-settings-store';
import { useSensitiveWordsStore } from '../stores/sensitive-words-store';
import { useTeamAdminStore } from '../stores/team-admin-store';
import { FakeBridge } from './fake-bridge';
import { ManualTimers } from './manual-timers';
import { Reports } from './reports';

/**
 * The app's real controllers over a fake bridge, writing the app's own stores (the ones the views
 * read), reset first so a component test starts from nothing. Not started: a test puts the state
 * it needs in the stores, renders, and watches what the views send.
 */
export class AppUnderTest {
  readonly fake = new FakeBridge();
  readonly timers = new ManualTimers();
  readonly reports = new Reports();
  readonly stores = appStores;
  readonly workstation: WorkstationController;
  readonly supervision: SupervisionController;
  readonly knowledge: KnowledgeController;
  readonly knowledgeAdmin: KnowledgeAdminController;
  readonly channelAdmin: ChannelAdminController;
  readonly ai: AiController;
  readonly csat: CsatController;
  readonly reportsController: ReportsController;
  readonly weeklyReport: WeeklyReportController;
  readonly tickets: TicketsController;
  readonly t: Translate;

  constructor(language: Language = 'en') {
    resetAppStores();
    useLanguageStore.getState().setLanguage(language);
    this.t = translator(language);
    this.workstation = createWorkstationController(this.fake.bridge, this.reports.report, { timers: this.timers });
    this.supervision = createSupervisionController(this.fake.bridge, this.workstation, this.reports.report);
    this.knowledge = createKnowledgeController(this.fake.bridge, this.workstation, this.reports.report, this.timers);
    this.knowledgeAdmin = createKnowledgeAdminController(this.fake.bridge);
    this.channelAdmin = createChannelAdminController(this.fake.bridge);
    this.ai = createAiController(this.fake.bridge);
    this.csat = createCsatController(this.fake.bridge);
    this.reportsController = createReportsController(this.fake.bridge);
    this.weeklyReport = createWeeklyReportController(this.fake.bridge);
    this.tickets = createTicketsController(this.fake.bridge, this.supervision, this.reports.report);
  }

  /** Signs `session`'s user in, as the stores show it. */
  signIn(session: SessionState): void {
    this.stores.session.getState().setSession(session);
    this.stores.inbox.getState().setMe(session.user?.id ?? null);
  }

  /** The providers the views find their controllers in. */
  readonly wrapper = ({ children }: { children: ReactNode }) => (
    <ControllerContext.Provider value={this.workstation}>
      <SupervisionContext.Provider value={this.supervision}>
        <KnowledgeContext.Provider value={this.knowledge}>
          <KnowledgeAdminContext.Provider value={this.knowledgeAdmin}>
            <ChannelAdminContext.Provider value={this.channelAdmin}>
              <AiContext.Provider value={this.ai}>
                <TicketsContext.Provider value={this.tickets}>
                  <CsatContext.Provider value={this.csat}>
                    <ReportsContext.Provider value={this.reportsController}>
                      <WeeklyReportContext.Provider value={this.weeklyReport}>{children}</WeeklyReportContext.Provider>
                    </ReportsContext.Provider>
                  </CsatContext.Provider>
                </TicketsContext.Provider>
              </AiContext.Provider>
            </ChannelAdminContext.Provider>
          </KnowledgeAdminContext.Provider>
        </KnowledgeContext.Provider>
      </SupervisionContext.Provider>
    </ControllerContext.Provider>
  );
}

function resetAppStores(): void {
  const s = appStores;
  s.session.setState({ phase: 'loading', session: null, error: null });
  s.connection.setState({ connection: null });
  for (const store of [s.inbox, s.inboxSearch, s.thread, s.drafts, s.composerFiles, s.contacts, s.conversationTags, s.notes, s.joined, s.notices, s.presence, s.team, s.notify, s.supervision, s.view]) {
    store.getState().reset();
  }
  useSensitiveWordsStore.getState().reset();
  useTemplatesStore.getState().reset();
  useKnowledgeStore.getState().reset();
  useProfileStore.getState().reset();
  useBotAdminStore.getState().reset();
  useKbAdminStore.getState().reset();
  useChannelAdminStore.getState().reset();
  useRoutingSettingsStore.getState().reset();
  useTeamAdminStore.getState().reset();
  useTicketsStore.getState().reset();
  useCreateTicketStore.getState().cancel();
}
