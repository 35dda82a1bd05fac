// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_BOUNDS, MIN_PASSWORD_LENGTH, type ManagedGroup, type ManagedUser } from '../../../../shared/team-admin';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { AddUserForm } from './AddUserForm';

let app: AppUnderTest;

const existing: ManagedUser = { id: 'wang', name: '王芳', email: 'wang@demo.test', role: 'agent', maxChats: 5, groupIds: [], presence: 'online', active: true };
const groups: ManagedGroup[] = [
  { id: 'sales', name: 'Sales', maxChatsPerAgent: null, businessHours: null, overflowAfterSeconds: 60, overflowTarget: 'any' },
  { id: 'after', name: 'After-sales', maxChatsPerAgent: null, businessHours: null, overflowAfterSeconds: 60, overflowTarget: 'any' },
];

function renderForm(offline = false) {
  render(<AddUserForm users={[existing]} groups={groups} offline={offline} />, { wrapper: app.wrapper });
  const field = (key: Parameters<typeof app.t>[0]) => screen.getByLabelText(app.t(key));
  return {
    email: field('team.admin.email'),
    name: field('team.admin.name'),
    role: field('team.admin.role'),
    password: field('team.admin.password'),
    maxChats: field('team.admin.maxChats'),
    submit: screen.getByRole('button', { name: app.t('team.admin.add') }),
  };
}

async function fillIn(form: ReturnType<typeof renderForm>, values: { email: string; name: string; password: string; maxChats?: string }) {
  await userEvent.type(form.email, values.email);
  await userEvent.type(form.name, values.name);
  await userEvent.type(form.password, values.password);
  if (values.maxChats !== undefined) {
    await userEvent.clear(form.maxChats);
    await userEvent.type(form.maxChats, values.maxChats);
  }
}

beforeEach(() => {
  app = new AppUnderTest('en');
});

afterEach(() => cleanup());

describe('adding a person', () => {
  it('says what is wrong with each field, sends nothing, and puts the focus on the first', async () => {
    const form = renderForm();
    await fillIn(form, { email: 'WANG@demo.test', name: '   ', password: 'short', maxChats: '0' });
    await userEvent.click(form.submit);
    expect(screen.getByText(app.t('team.admin.problem.emailTaken'))).toBeTruthy();
    expect(screen.getByText(app.t('team.admin.problem.nameRequired'))).toBeTruthy();
    expect(screen.getByText(app.t('team.admin.problem.passwordShort', { min: MIN_PASSWORD_LENGTH }))).toBeTruthy();
    expect(screen.getByText(app.t('team.admin.problem.maxChats', ADMIN_BOUNDS.maxChats))).toBeTruthy();
    expect(form.email.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(form.email);
    expect(app.fake.callsOf('admin.createUser')).toEqual([]);
  });

  it('sends the cleaned-up values and says who was added', async () => {
    app.fake.answer('admin.createUser', (args) => ({ ...existing, id: 'zhao', email: args.email, name: args.name, role: args.role }));
    const form = renderForm();
    await fillIn(form, { email: '  Zhao@Demo.test ', name: ' 赵敏 ', password: 'first-pass', maxChats: '7' });
    await userEvent.selectOptions(form.role, app.t('role.supervisor'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'After-sales' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sales' }));
    await userEvent.click(form.submit);
    const done = await screen.findByRole('status');
    expect(done.textContent).toBe(app.t('team.admin.added', { name: '赵敏', email: 'zhao@demo.test' }));
    expect(app.fake.callsOf('admin.createUser')).toEqual([
      { email: 'zhao@demo.test', name: '赵敏', role: 'supervisor', password: 'first-pass', maxChats: 7, groupIds: ['after', 'sales'] },
    ]);
    expect(form.email).toHaveProperty('value', '');
  });

  it('adds department staff (for tickets) with the staff role', async () => {
    app.fake.answer('admin.createUser', (args) => ({ ...existing, id: 'zhou', email: args.email, name: args.name, role: args.role }));
    const form = renderForm();
    await fillIn(form, { email: 'zhou@demo.test', name: '周敏', password: 'first-pass' });
    await userEvent.selectOptions(form.role, app.t('role.staff'));
    await userEvent.click(form.submit);
    await screen.findByRole('status');
    expect(app.fake.callsOf('admin.createUser')).toMatchObject([{ email: 'zhou@demo.test', role: 'staff' }]);
  });

  it('shows the server\'s refusal and keeps what was typed', async () => {
    app.fake.failWith('admin.createUser', 'offline', 'no connection');
    const form = renderForm();
    await fillIn(form, { email: 'zhao@demo.test', name: '赵敏', password: 'first-pass' });
    await userEvent.click(form.submit);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('team.admin.addFailed', { reason: describeError(app.t, { code: 'offline' }) }));
    expect(form.email).toHaveProperty('value', 'zhao@demo.test');
    expect(form.name).toHaveProperty('value', '赵敏');
  });

  it('puts an address the server says is taken on the email field', async () => {
    app.fake.failWith('admin.createUser', 'conflict', 'taken', { reason: 'email_taken' });
    const form = renderForm();
    await fillIn(form, { email: 'li@demo.test', name: '李雷', password: 'first-pass' });
    await userEvent.click(form.submit);
    expect(await screen.findByText(app.t('team.admin.problem.emailTaken'))).toBeTruthy();
    expect(form.email.getAttribute('aria-invalid')).toBe('true');
    expect(form.email).toHaveProperty('value', 'li@demo.test');
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    const form = renderForm();
    await userEvent.click(form.submit);
    expect(screen.getByText(app.t('team.admin.problem.emailRequired'))).toBeTruthy();
    expect(form.submit.textContent).toBe(app.t('team.admin.add'));
  });
});
