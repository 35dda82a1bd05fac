// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { AppUnderTest } from '../../testing/app-under-test';
import { agentUser, sessionOf } from '../../testing/workstation-harness';
import { useTemplatesStore } from '../templates/templates-store';
import { QuickRepliesAdmin } from './QuickRepliesAdmin';

let app: AppUnderTest;
let templates: Template[];

const reply = (id: string, shortcut: string, title: string, lang: Template['lang'], ownerId: string | null = null): Template =>
  ({ id, ownerId, lang, shortcut, title, body: `${title}.`, category: '' });

beforeEach(() => {
  useTemplatesStore.setState(useTemplatesStore.getInitialState(), true);
  app = new AppUnderTest('en');
  app.signIn(sessionOf({ ...agentUser, role: 'supervisor' }));
  templates = [reply('t1', 'hi', 'Greeting', 'en'), reply('t2', 'hi', '问候', 'zh'), reply('p1', 'mine', 'My own', 'en', agentUser.id)];
  app.fake.answer('templates.list', () => templates);
  app.fake.answer('templates.save', (input) => {
    if (templates.some((t) => t.ownerId === null && t.lang === input.lang && t.shortcut === input.shortcut && t.id !== input.id)) {
      throw new AppError('shortcut_taken', 'taken', { shortcut: input.shortcut });
    }
    const saved: Template = { id: input.id ?? 'new', ownerId: null, lang: input.lang, shortcut: input.shortcut, title: input.title, body: input.body, category: input.category ?? '' };
    templates = [...templates.filter((t) => t.id !== saved.id), saved];
    return saved;
  });
  app.fake.answer('templates.delete', ({ id }) => {
    templates = templates.filter((t) => t.id !== id);
    return { deleted: true };
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const rows = () => screen.getAllByTestId('quick-admin-row').map((row) => within(row).getAllByRole('cell').slice(0, 2).map((c) => c.textContent));

describe('the quick replies admin tab', () => {
  it("lists the team's replies only, refuses a shortcut taken in that language, adds and deletes one", async () => {
    render(<QuickRepliesAdmin offline={false} />, { wrapper: app.wrapper });
    const user = userEvent.setup();
    await screen.findAllByTestId('quick-admin-row');
    expect(rows().sort()).toEqual([['/hi', 'Chinese'], ['/hi', 'English']]);
    expect(screen.queryByText('My own')).toBeNull();

    await user.click(screen.getByTestId('quick-admin-add'));
    await user.selectOptions(screen.getByLabelText('Language'), 'en');
    await user.type(screen.getByLabelText('Shortcut'), 'hi');
    await user.type(screen.getByLabelText('Title'), 'Hello again');
    await user.type(screen.getByLabelText('Text'), 'Hello!');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Another quick reply in this language already uses this shortcut/)).toBeTruthy();

    await user.clear(screen.getByLabelText('Shortcut'));
    await user.type(screen.getByLabelText('Shortcut'), 'hello');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Hello again');
    expect(app.fake.callsOf('templates.save').at(-1)).toMatchObject({ scope: 'team', lang: 'en', shortcut: 'hello', title: 'Hello again' });
    expect(screen.getAllByTestId('quick-admin-row')).toHaveLength(3);

    const greeting = screen.getAllByTestId('quick-admin-row').find((r) => within(r).queryByText('Greeting'))!;
    await user.click(within(greeting).getByRole('button', { name: 'Delete' }));
    await user.click(within(greeting).getByRole('button', { name: 'Really delete?' }));
    expect(app.fake.callsOf('templates.delete')).toEqual([{ id: 't1' }]);
    await screen.findAllByTestId('quick-admin-row');
    expect(screen.queryByText('Greeting')).toBeNull();
  });

  it('exports the team replies as CSV, imports a file, and lists a refused file by line with nothing changed', async () => {
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:quick-replies';
    });
    app.fake.answer('templates.import', ({ text }) => {
      if (text.includes('bad')) {
        return { created: 0, updated: 0, errors: [
          { code: 'invalid', line: 3, field: 'lang', detail: 'Invalid option' },
          { code: 'duplicate', line: 4, firstLine: 2, shortcut: 'hi', lang: 'en' },
        ] };
      }
      templates = [...templates, reply('t3', 'wrap', 'Gift wrap', 'en')];
      return { created: 1, updated: 1, errors: [] };
    });
    render(<QuickRepliesAdmin offline={false} />, { wrapper: app.wrapper });
    const user = userEvent.setup();
    await screen.findAllByTestId('quick-admin-row');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(screen.getByTestId('quick-admin-notice').textContent).toBe('Saved 2 team replies as quick-replies.csv.');
    const csv = await saved[0]!.text();
    expect(csv.split('\r\n').slice(0, 1)).toEqual(['\uFEFFshortcut,title,body,lang,category']);
    expect(csv).toContain('hi,问候,问候.,zh,');
    expect(csv).not.toContain('My own');

    await user.upload(screen.getByTestId('quick-admin-import-file'), new File(['shortcut,title,body,lang\nbad'], 'replies.csv', { type: 'text/csv' }));
    const refused = await screen.findByTestId('quick-import-result');
    expect(refused.getAttribute('role')).toBe('alert');
    expect(within(refused).getAllByTestId('quick-import-problem').map((li) => li.textContent)).toEqual([
      'Line 3: Language is missing or not valid.',
      'Line 4: the shortcut “hi” is also on line 2 in the same language.',
    ]);
    expect(app.fake.callsOf('templates.import')).toEqual([{ text: 'shortcut,title,body,lang\nbad', format: 'csv' }]);
    expect(screen.getAllByTestId('quick-admin-row')).toHaveLength(2);

    await user.upload(screen.getByTestId('quick-admin-import-file'), new File(['[{"shortcut":"wrap"}]'], 'replies.json', { type: 'application/json' }));
    expect((await screen.findByText(/^Imported:/)).textContent).toBe('Imported: 1 new quick replies, 1 updated (same shortcut and language).');
    expect(screen.getByTestId('quick-import-result').getAttribute('role')).toBe('status');
    expect(app.fake.callsOf('templates.import').at(-1)).toMatchObject({ format: 'json' });
    await screen.findByText('Gift wrap');
    expect(screen.getAllByTestId('quick-admin-row')).toHaveLength(3);
  });
});
