// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotTurn } from '../../../../shared/knowledge';
import { AppUnderTest } from '../../testing/app-under-test';
import { useBotAdminStore } from '../../stores/bot-admin-store';
import { useKbAdminStore } from '../../stores/kb-admin-store';
import { BotTurns } from './BotTurns';

let app: AppUnderTest;

const turn = (over: Partial<BotTurn>): BotTurn => ({
  id: '1', conversationId: 'c1', messageId: 'm1', message: '余额退款', action: 'clarify', via: 'retrieval', articleId: null, ruleId: null, confidence: 0.74,
  candidates: [{ articleId: 'a1', title: '储值卡余额退款', confidence: 0.74 }, { articleId: 'a2', title: '礼品卡余额退款', confidence: 0.74 }],
  handoffReason: null, lang: 'zh', sentiment: 0, createdAt: '2026-01-01T10:00:00.000Z', ...over,
});

beforeEach(() => {
  useBotAdminStore.getState().reset();
  useKbAdminStore.getState().reset();
  app = new AppUnderTest('en');
  app.fake.answer('kbAdmin.list', () => []);
  app.fake.answer('botRules.list', () => []);
});

afterEach(() => cleanup());

describe("the bot's turns for admins", () => {
  it('shows the suggestions a turn offered and which one the customer picked', async () => {
    const suggested = [{ articleId: 'a1', title: '储值卡余额退款' }, { articleId: 'a2', title: '礼品卡余额退款' }];
    app.fake.answer('botTurns.list', () => ({
      turns: [turn({ id: '2', suggested, picked: 'a2' }), turn({ id: '1', suggested, picked: null }), turn({ id: '0', action: 'miss', candidates: [] })],
      nextBefore: null,
    }));
    render(<BotTurns offline={false} />, { wrapper: app.wrapper });
    const rows = await screen.findAllByTestId('bot-turn-row');
    expect(rows).toHaveLength(3);
    const picked = within(rows[0]!).getByTestId('bot-turn-suggested');
    expect(within(picked).getByTestId('bot-turn-picked').textContent).toBe(app.t('botAdmin.turns.picked.article', { title: '礼品卡余额退款' }));
    expect(picked.querySelector('[data-picked=true]')?.textContent).toContain('礼品卡余额退款');
    expect(within(rows[1]!).getByTestId('bot-turn-picked').textContent).toBe(app.t('botAdmin.turns.picked.waiting'));
    expect(within(rows[2]!).queryByTestId('bot-turn-suggested')).toBeNull();
  });
});
