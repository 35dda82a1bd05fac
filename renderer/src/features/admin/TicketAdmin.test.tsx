// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedUser } from '../../../../shared/team-admin';
import type { Department, SlaTarget, TicketType } from '../../../../shared/tickets';
import type { TicketSettings } from '../../../../shared/tickets-admin';
import { AppUnderTest } from '../../testing/app-under-test';
import { TicketAdmin } from './TicketAdmin';

let app: AppUnderTest;

const user = (id: string, name: string, role: ManagedUser['role']): ManagedUser => ({
  id, name, email: `${id}@example.com`, role, maxChats: 5, groupIds: [], presence: 'offline', active: true,
});
const users = [user('u1', 'Chen Lin', 'agent'), user('u2', 'Wang Fang', 'staff')];
const repairs: Department = { id: 'd1', name: 'Repairs', archived: false, members: [{ userId: 'u1', isLead: false }] };
const repairType: TicketType = { id: 'y1', name: '维修', defaultDepartmentId: 'd1', position: 0, archived: false };
const settings: TicketSettings = { reopenDays: 7, closeAfterDays: 3, businessHours: null, emailAddress: null };
const defaults: SlaTarget[] = [{ typeId: null, priority: 'normal', firstResponseMinutes: 60, resolutionMinutes: 1440, warnBeforeMinutes: 30 }];

function serve(language: 'en' | 'zh-CN' = 'en') {
  app = new AppUnderTest(language);
  let departments = [repairs];
  app.fake
    .answer('tickets.meta', () => ({ types: [repairType], departments, myDepartmentIds: [], leadOf: [] }))
    .answer('admin.team', () => ({ users, groups: [] }))
    .answer('ticketAdmin.settings', () => settings)
    .answer('ticketAdmin.sla', () => defaults)
    .answer('ticketAdmin.saveSla', ({ targets }) => targets)
    .answer('ticketAdmin.saveSettings', (save) => ({ ...save, emailAddress: save.emailAddress ?? null }))
    .answer('ticketAdmin.saveDepartment', (input) => {
      const saved = { id: input.id ?? 'd2', name: input.name, archived: input.archived ?? false, members: (input.members ?? []).map((m) => ({ userId: m.userId, isLead: m.isLead ?? false })) };
      departments = [...departments.filter((d) => d.id !== saved.id), saved];
      return saved;
    });
}

beforeEach(() => serve());
afterEach(() => cleanup());

describe('the tickets admin section', () => {
  it('creates a department with a department staff member as its lead', async () => {
    render(<TicketAdmin offline={false} />, { wrapper: app.wrapper });
    await screen.findByTestId('ticket-department');
    await userEvent.click(screen.getByTestId('ticket-department-new'));
    const form = screen.getByTestId('ticket-department-form');
    await userEvent.type(within(form).getByLabelText('Name'), 'Warehouse');
    expect(within(form).getByText('Wang Fang · Department staff')).toBeTruthy();
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Wang Fang leads the department' }));
    await userEvent.click(within(form).getByTestId('ticket-department-save'));
    await app.fake.untilCalled('ticketAdmin.saveDepartment');
    expect(app.fake.callsOf('ticketAdmin.saveDepartment')).toEqual([{ name: 'Warehouse', archived: false, members: [{ userId: 'u2', isLead: true }] }]);
    expect(await screen.findByText('Department “Warehouse” saved.')).toBeTruthy();
    // The list reads the departments again and shows the lead.
    expect(await screen.findByText(/Warehouse · Wang Fang \(lead\)/)).toBeTruthy();
  });

  it('says in Chinese why a department was refused, keeping what was typed', async () => {
    serve('zh-CN');
    app.fake.failWith('ticketAdmin.saveDepartment', 'conflict', 'name taken');
    render(<TicketAdmin offline={false} />, { wrapper: app.wrapper });
    await screen.findByTestId('ticket-department');
    await userEvent.click(screen.getByTestId('ticket-department-new'));
    const name = within(screen.getByTestId('ticket-department-form')).getByLabelText('名称');
    await userEvent.type(name, 'Repairs');
    await userEvent.click(screen.getByTestId('ticket-department-save'));
    expect((await screen.findByTestId('ticket-department-error')).textContent).toBe('未保存。内容已被他人同时修改，请检查后重试。');
    expect(name).toHaveProperty('value', 'Repairs');
  });

  it('saves the SLA grid with the account default row and a type row, and refuses a bad cell without losing the grid', async () => {
    render(<TicketAdmin offline={false} />, { wrapper: app.wrapper });
    const first = await screen.findByRole('textbox', { name: '维修, Urgent: First response (min)' });
    expect(screen.getByRole('textbox', { name: 'Any type, Normal: First response (min)' })).toHaveProperty('value', '60');
    await userEvent.type(first, '15');
    await userEvent.type(screen.getByRole('textbox', { name: '维修, Urgent: Warn before (min)' }), 'soon');
    await userEvent.click(screen.getByTestId('ticket-sla-save'));
    expect(await screen.findByTestId('ticket-sla-problem')).toBeTruthy();
    expect(app.fake.callsOf('ticketAdmin.saveSla')).toEqual([]);
    expect(first).toHaveProperty('value', '15');

    const warn = screen.getByRole('textbox', { name: '维修, Urgent: Warn before (min)' });
    await userEvent.clear(warn);
    await userEvent.type(warn, '5');
    await userEvent.click(screen.getByTestId('ticket-sla-save'));
    await app.fake.untilCalled('ticketAdmin.saveSla');
    expect(app.fake.callsOf('ticketAdmin.saveSla')).toEqual([
      {
        targets: [
          ...defaults,
          { typeId: 'y1', priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: null, warnBeforeMinutes: 5 },
        ],
      },
    ]);
    expect(await screen.findByText('SLA targets saved.')).toBeTruthy();
  });

  it('saves ticket settings with business hours and the ticket address, and keeps a wrong address to correct', async () => {
    render(<TicketAdmin offline={false} />, { wrapper: app.wrapper });
    const reopen = await screen.findByLabelText(/Reopen when the customer writes within/);
    await userEvent.clear(reopen);
    await userEvent.type(reopen, '14');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Around the clock' }));
    await userEvent.type(screen.getByLabelText('Mon'), '09:00-18:00');
    const email = screen.getByLabelText(/Ticket email address/);
    await userEvent.type(email, 'support-at-shop');
    await userEvent.click(screen.getByTestId('ticket-settings-save'));
    expect((await screen.findByTestId('ticket-settings-problem')).textContent).toBe('That is not an email address.');
    expect(email).toHaveProperty('value', 'support-at-shop');
    expect(app.fake.callsOf('ticketAdmin.saveSettings')).toEqual([]);

    await userEvent.clear(email);
    await userEvent.type(email, 'Tickets@Shop.example');
    await userEvent.click(screen.getByTestId('ticket-settings-save'));
    await app.fake.untilCalled('ticketAdmin.saveSettings');
    expect(app.fake.callsOf('ticketAdmin.saveSettings')).toEqual([
      { reopenDays: 14, closeAfterDays: 3, businessHours: { timezone: 'Asia/Shanghai', days: { mon: [['09:00', '18:00']] } }, emailAddress: 'Tickets@Shop.example' },
    ]);
    expect(await screen.findByText('Ticket settings saved.')).toBeTruthy();
  });
});
