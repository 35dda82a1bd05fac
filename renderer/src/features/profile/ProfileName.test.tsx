// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../../shared/domain';
import { ProfileContext } from '../../app/profile-context';
import { createProfileController } from '../../app/profile-controller';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { signedIn } from '../../testing/workstation-harness';
import { ProfileName } from './ProfileName';

let app: AppUnderTest;

const visitor: Contact = { id: 'k1', name: 'Visitor 1196', nameGenerated: true, email: null, phone: null, vipLevel: 0, tags: [] };

function renderName(contact: Contact = visitor) {
  const controller = createProfileController(app.fake.bridge, app.workstation, app.reports.report);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <app.wrapper>
      <ProfileContext.Provider value={controller}>{children}</ProfileContext.Provider>
    </app.wrapper>
  );
  return render(<ProfileName contact={contact} />, { wrapper });
}

beforeEach(() => {
  app = new AppUnderTest('zh-CN');
  app.signIn(signedIn);
});

afterEach(() => cleanup());

describe('renaming the customer in the profile', () => {
  it('marks a made-up name, and Enter saves the typed name', async () => {
    app.fake.answer('contacts.rename', ({ name }) => ({ ...visitor, name, nameGenerated: undefined }));
    const view = renderName();
    expect(screen.getByTestId('profile-name').textContent).toBe('访客 1196');
    expect(screen.getByText(app.t('profile.nameGenerated'))).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: app.t('profile.rename') }));
    // A made-up name is not offered for editing: the box starts empty.
    const box = screen.getByLabelText(app.t('profile.renameLabel'));
    expect((box as HTMLInputElement).value).toBe('');
    await userEvent.type(box, '陈小姐{Enter}');
    expect(app.fake.callsOf('contacts.rename')).toEqual([{ contactId: 'k1', name: '陈小姐' }]);
    // The panel shows the contact the store now holds.
    view.rerender(<ProfileName contact={{ ...visitor, name: '陈小姐', nameGenerated: undefined }} />);
    expect(screen.getByTestId('profile-name').textContent).toBe('陈小姐');
    expect(screen.queryByText(app.t('profile.nameGenerated'))).toBeNull();
    expect(screen.queryByTestId('profile-name-input')).toBeNull();
  });

  it('Esc cancels without saving', async () => {
    renderName({ ...visitor, name: '张伟', nameGenerated: undefined });
    await userEvent.click(screen.getByRole('button', { name: app.t('profile.rename') }));
    const box = screen.getByLabelText(app.t('profile.renameLabel'));
    expect((box as HTMLInputElement).value).toBe('张伟');
    await userEvent.type(box, '先生{Escape}');
    expect(app.fake.callsOf('contacts.rename')).toEqual([]);
    expect(screen.getByTestId('profile-name').textContent).toBe('张伟');
  });

  it('a refused rename shows why and keeps the typed name in the box', async () => {
    app.fake.failWith('contacts.rename', 'offline', 'Renaming a customer needs the connection');
    renderName();
    await userEvent.click(screen.getByRole('button', { name: app.t('profile.rename') }));
    await userEvent.type(screen.getByLabelText(app.t('profile.renameLabel')), '陈小姐{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('profile.renameFailed', { reason: describeError(app.t, { code: 'offline' }) }));
    expect((screen.getByLabelText(app.t('profile.renameLabel')) as HTMLInputElement).value).toBe('陈小姐');
  });
});
