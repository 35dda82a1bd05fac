// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { ReplySuggestions } from './ReplySuggestions';

let app: AppUnderTest;
afterEach(() => cleanup());

describe('reply suggestions in the composer', () => {
  it('shows what the provider suggests and puts the one clicked into the draft, sending nothing', async () => {
    app = new AppUnderTest('en');
    app.fake.answer('ai.status', () => ({ replySuggestions: true }));
    app.fake.answer('ai.suggest', () => ({
      suggestions: [
        { text: 'You can return it within 30 days.', articleId: 'a1', articleTitle: 'Returns' },
        { text: 'Could you share your order number?', articleId: null, articleTitle: null },
      ],
    }));
    const inserted: string[] = [];
    render(<ReplySuggestions conversationId="c1" disabled={false} onInsert={(text) => inserted.push(text)} />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByTestId('suggest-replies'));
    const shown = await screen.findAllByTestId('reply-suggestion');
    expect(shown.map((b) => b.textContent)).toEqual(['You can return it within 30 days.', 'Could you share your order number?']);
    expect(app.fake.callsOf('ai.suggest')).toEqual([{ conversationId: 'c1' }]);
    await userEvent.click(shown[1]!);
    expect(inserted).toEqual(['Could you share your order number?']);
  });

  it('offers nothing when the team has suggestions off, and says so when they were turned off meanwhile', async () => {
    const settled = async () => {
      await app.fake.untilCalled('ai.status');
      // Let the answer land and the component render it.
      for (let i = 0; i < 5; i++) await act(async () => undefined);
    };
    // With them on, the same wait shows the button.
    app = new AppUnderTest('zh-CN');
    app.fake.answer('ai.status', () => ({ replySuggestions: true }));
    render(<ReplySuggestions conversationId="c1" disabled={false} onInsert={() => undefined} />, { wrapper: app.wrapper });
    await settled();
    expect(screen.queryByTestId('suggest-replies')).not.toBeNull();
    cleanup();

    app = new AppUnderTest('zh-CN');
    app.fake.answer('ai.status', () => ({ replySuggestions: false }));
    render(<ReplySuggestions conversationId="c1" disabled={false} onInsert={() => undefined} />, { wrapper: app.wrapper });
    await settled();
    expect(screen.queryByTestId('suggest-replies')).toBeNull();
    cleanup();

    app = new AppUnderTest('zh-CN');
    app.fake.answer('ai.status', () => ({ replySuggestions: true }));
    app.fake.failWith('ai.suggest', 'conflict', 'reply suggestions are turned off for this team');
    render(<ReplySuggestions conversationId="c1" disabled={false} onInsert={() => undefined} />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByTestId('suggest-replies'));
    expect(await screen.findByText('您的团队未开启回复建议。')).toBeTruthy();
  });
});
