import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import type { BotRule, BotTurn } from '../../../shared/knowledge';
import type { LoadStatus } from './inbox-store';

interface BotAdminData {
  rules: BotRule[];
  rulesStatus: LoadStatus;
  rulesError: AppErrorShape | null;
  /** The conversation the turns are of ('' for every conversation). */
  turnsConversation: string;
  /** Newest first, every page loaded so far. */
  turns: BotTurn[];
  /** Where the next page starts; null when the last page is shown. */
  nextBefore: number | null;
  turnsStatus: LoadStatus;
  turnsError: AppErrorShape | null;
  loadingMore: boolean;
  moreError: AppErrorShape | null;
}

interface BotAdminStore extends BotAdminData {
  setRulesLoading(): void;
  setRulesLoaded(rules: BotRule[]): void;
  setRulesFailed(error: AppErrorShape): void;
  putRule(rule: BotRule): void;
  removeRule(id: string): void;
  /** A turns search starts: the turns of another conversation are cleared, those of the same one stay until it answers. */
  setTurnsLoading(conversationId: string): void;
  setTurnsLoaded(conversationId: string, turns: BotTurn[], nextBefore: number | null): void;
  setTurnsFailed(error: AppErrorShape): void;
  setLoadingMore(): void;
  setMore(turns: BotTurn[], nextBefore: number | null): void;
  setMoreFailed(error: AppErrorShape): void;
  reset(): void;
}

const empty: BotAdminData = {
  rules: [],
  rulesStatus: 'idle',
  rulesError: null,
  turnsConversation: '',
  turns: [],
  nextBefore: null,
  turnsStatus: 'idle',
  turnsError: null,
  loadingMore: false,
  moreError: null,
};

/** The bot's replies and turns the admin screen shows, from `botRules.list` and `botTurns.list`. */
export const useBotAdminStore = create<BotAdminStore>((set) => ({
  ...empty,
  setRulesLoading: () => set({ rulesStatus: 'loading', rulesError: null }),
  setRulesLoaded: (rules) => set({ rules, rulesStatus: 'ready', rulesError: null }),
  setRulesFailed: (rulesError) => set({ rulesStatus: 'failed', rulesError }),
  putRule: (rule) =>
    set((s) => {
      const index = s.rules.findIndex((r) => r.id === rule.id);
      if (index === -1) return { rules: [...s.rules, rule] };
      const rules = [...s.rules];
      rules[index] = rule;
      return { rules };
    }),
  removeRule: (id) => set((s) => ({ rules: s.rules.filter((r) => r.id !== id) })),
  setTurnsLoading: (conversationId) =>
    set((s) => ({
      turnsConversation: conversationId,
      turnsStatus: 'loading',
      turnsError: null,
      loadingMore: false,
      moreError: null,
      ...(s.turnsConversation === conversationId ? {} : { turns: [], nextBefore: null }),
    })),
  setTurnsLoaded: (turnsConversation, turns, nextBefore) => set({ turnsConversation, turns, nextBefore, turnsStatus: 'ready', turnsError: null }),
  setTurnsFailed: (turnsError) => set({ turnsStatus: 'failed', turnsError }),
  setLoadingMore: () => set({ loadingMore: true, moreError: null }),
  setMore: (turns, nextBefore) => set({ turns, nextBefore, loadingMore: false, moreError: null }),
  setMoreFailed: (moreError) => set({ loadingMore: false, moreError }),
  reset: () => set(empty),
}));
