// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingSettingsView } from '../../../../shared/team-admin';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { RoutingSettings } from './RoutingSettings';

let app: AppUnderTest;

const view: RoutingSettingsView = {
  settings: { autoAwaySeconds: 600, reconnectGraceSeconds: 180, acceptTimeoutSeconds: 30, reofferCooldownSeconds: 60, escalateAfterSeconds: 300 },
  groups: [],
};

/** Renders the settings and waits until the server's values are in the form. */
async function renderSettings() {
  render(<RoutingSettings offline={false} />, { wrapper: app.wrapper });
  const autoAway = await screen.findByLabelText(app.t('settings.autoAwaySeconds'));
  return { autoAway, review: screen.getByRole('button', { name: app.t('settings.review') }) };
}

beforeEach(() => {
  app = new AppUnderTest('en');
  app.fake.answer('admin.settings', () => view);
});

afterEach(() => cleanup());

describe('the routing settings', () => {
  it('shows what the server holds', async () => {
    const { autoAway } = await renderSettings();
    expect(autoAway).toHaveProperty('value', '600');
    expect(screen.getByLabelText(app.t('settings.acceptTimeoutSeconds'))).toHaveProperty('value', '30');
  });

  it('marks a value out of range and sends nothing', async () => {
    const { autoAway, review } = await renderSettings();
    await userEvent.clear(autoAway);
    await userEvent.type(autoAway, '5');
    await userEvent.click(review);
    expect(screen.getByRole('alert').textContent).toBe(app.t('settings.problems', { count: 1 }));
    expect(autoAway.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(autoAway);
    const problemId = autoAway.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '';
    expect(document.getElementById(problemId)?.textContent).toBe(
      app.t('settings.problem.seconds', {
        min: 60,
        max: 8 * 3600,
        minSpan: app.t('settings.unit.min', { n: 1 }),
        maxSpan: app.t('settings.unit.h', { n: 8 }),
      }),
    );
    expect(app.fake.callsOf('admin.saveSettings')).toEqual([]);
  });

  it('lists the changes to confirm, then saves only what changed', async () => {
    app.fake.answer('admin.saveSettings', (args) => ({ ...view, settings: { ...view.settings, ...args } }));
    const { autoAway, review } = await renderSettings();
    await userEvent.clear(autoAway);
    await userEvent.type(autoAway, '300');
    await userEvent.click(review);
    const confirm = screen.getByRole('group', { name: app.t('settings.confirmTitle') });
    expect(within(confirm).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      app.t('settings.change.timing', {
        label: app.t('settings.autoAwaySeconds'),
        before: app.t('settings.unit.min', { n: 10 }),
        after: app.t('settings.unit.min', { n: 5 }),
      }),
    ]);
    expect(app.fake.callsOf('admin.saveSettings')).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: app.t('settings.confirmSave') }));
    expect((await screen.findByRole('status')).textContent).toBe(app.t('settings.saved'));
    expect(app.fake.callsOf('admin.saveSettings')).toEqual([{ autoAwaySeconds: 300 }]);
  });

  it('sets where a group overflows, naming the groups in the confirmation', async () => {
    const groups: RoutingSettingsView['groups'] = [
      { id: 'pre', name: '售前 Pre-sales', maxChatsPerAgent: null, businessHours: null, overflowAfterSeconds: 60, overflowTarget: null },
      { id: 'after', name: '售后 After-sales', maxChatsPerAgent: null, businessHours: null, overflowAfterSeconds: 60, overflowTarget: 'any' },
    ];
    app.fake.answer('admin.settings', () => ({ ...view, groups }));
    app.fake.answer('admin.saveSettings', () => ({ ...view, groups }));
    const { review } = await renderSettings();
    const after = screen.getAllByTestId('settings-group').find((g) => g.getAttribute('data-group-id') === 'after')!;
    await userEvent.selectOptions(within(after).getByLabelText(app.t('settings.overflowTarget')), 'pre');
    await userEvent.click(review);
    const confirm = screen.getByRole('group', { name: app.t('settings.confirmTitle') });
    expect(within(confirm).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      app.t('settings.change.overflowTarget', { group: '售后 After-sales', before: app.t('settings.overflow.any'), after: '售前 Pre-sales' }),
    ]);
    await userEvent.click(within(confirm).getByRole('button', { name: app.t('settings.confirmSave') }));
    expect(app.fake.callsOf('admin.saveSettings')).toEqual([{ groups: [{ id: 'after', overflowTarget: 'pre' }] }]);
  });

  it('shows the server\'s refusal and keeps the values typed', async () => {
    app.fake.failWith('admin.saveSettings', 'forbidden', 'admins only');
    const { autoAway, review } = await renderSettings();
    await userEvent.clear(autoAway);
    await userEvent.type(autoAway, '300');
    await userEvent.click(review);
    await userEvent.click(screen.getByRole('button', { name: app.t('settings.confirmSave') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('settings.saveFailed', { reason: describeError(app.t, { code: 'forbidden' }) }));
    expect(autoAway).toHaveProperty('value', '300');
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    app.fake.answer('admin.settings', () => view);
    const { review } = await renderSettings();
    await userEvent.click(review);
    expect(screen.getByRole('status').textContent).toBe(app.t('settings.nothingChanged'));
  });
});
