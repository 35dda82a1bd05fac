// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../../shared/domain';
import { AppUnderTest } from '../../testing/app-under-test';
import { agentUser, sessionOf } from '../../testing/workstation-harness';
import { useAuditStore } from '../../stores/audit-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useViewStore } from '../../stores/view-store';
import { AdminView } from './AdminView';

const CONVERSATION = '0190f5d2-7a3b-7c4d-8e9f-0a1b2c3d4e5f';
const entries: AuditEntryView[] = [
  {
    id: 2, action: 'attachment.downloaded', actorId: 'u1', actorName: '王芳', targetType: 'attachment', targetId: 'f1',
    details: { conversationId: CONVERSATION, messageId: 'm1', fileName: 'receipt.pdf', mimeType: 'application/pdf', size: 1200 },
    createdAt: '2026-12-07T09:00:00.000Z', targetLabel: 'receipt.pdf',
  },
  {
    id: 1, action: 'sensitive_word.create', actorId: 'a1', actorName: 'Admin', targetType: 'sensitive_word', targetId: 'w1',
    details: { pattern: '银行卡' }, createdAt: '2026-12-07T08:00:00.000Z',
  },
];

let app: AppUnderTest;
beforeEach(() => {
  useAuditStore.setState(useAuditStore.getInitialState(), true);
  useViewStore.setState(useViewStore.getInitialState(), true);
  app = new AppUnderTest('en');
  app.fake.answer('audit.list', () => ({ entries, nextBefore: null }));
  app.fake.answer('team.list', () => ({ agents: [], groups: [] }));
});
afterEach(() => cleanup());

describe('the admin screen', () => {
  it("gives a supervisor the audit log (no export), the team's quick replies and the conversation tags", async () => {
    app.signIn(sessionOf({ ...agentUser, role: 'supervisor' }));
    render(<AdminView />, { wrapper: app.wrapper });
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Audit log', 'Quick replies', 'Conversation tags']);
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    expect(screen.queryByTestId('audit-export')).toBeNull();
  });

  it('gives an admin every section and the export', async () => {
    app.signIn(sessionOf({ ...agentUser, role: 'admin' }));
    render(<AdminView />, { wrapper: app.wrapper });
    expect(screen.getAllByRole('tab').length).toBeGreaterThan(10);
    await screen.findAllByTestId('audit-row');
    expect(screen.getByTestId('audit-export')).toBeTruthy();
  });

  it("opens the chat an entry is about, from the entry's row", async () => {
    app.signIn(sessionOf({ ...agentUser, role: 'supervisor' }));
    render(<AdminView />, { wrapper: app.wrapper });
    const [download, word] = await screen.findAllByTestId('audit-row');
    expect(within(word!).queryByTestId('audit-open-conversation')).toBeNull();
    await userEvent.click(within(download!).getByRole('button', { name: 'Open the chat' }));
    expect(useViewStore.getState().view).toBe('inbox');
    expect(useInboxStore.getState().selectedId).toBe(CONVERSATION);
  });
});
