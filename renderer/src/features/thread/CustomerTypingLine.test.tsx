// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_TTL_MS } from '../../../../shared/domain';
import { AppUnderTest } from '../../testing/app-under-test';
import { signedIn } from '../../testing/workstation-harness';
import { CustomerTypingLine } from './ThreadActivity';

let app: AppUnderTest;

beforeEach(() => {
  vi.useFakeTimers();
  app = new AppUnderTest('zh-CN');
  app.signIn(signedIn);
  app.stores.supervision.getState().reset();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const typing = (conversationId: string, on: boolean) =>
  act(() => app.stores.supervision.getState().putCustomerTyping({ conversationId, typing: on }, Date.now()));

describe('the customer typing, under the thread', () => {
  it('shows while the customer types in this conversation, and lapses when no repeat comes', () => {
    render(<CustomerTypingLine conversationId="c1" />, { wrapper: app.wrapper });
    expect(screen.queryByTestId('customer-typing')).toBeNull();
    typing('c2', true);
    expect(screen.queryByTestId('customer-typing')).toBeNull();
    typing('c1', true);
    expect(screen.getByTestId('customer-typing').textContent).toBe('客户正在输入…');
    act(() => void vi.advanceTimersByTime(TYPING_TTL_MS - 1_000));
    typing('c1', true);
    act(() => void vi.advanceTimersByTime(TYPING_TTL_MS - 1_000));
    expect(screen.queryByTestId('customer-typing')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(1_000));
    expect(screen.queryByTestId('customer-typing')).toBeNull();
  });

  it('goes at once when the customer stops', () => {
    render(<CustomerTypingLine conversationId="c1" />, { wrapper: app.wrapper });
    typing('c1', true);
    typing('c1', false);
    expect(screen.queryByTestId('customer-typing')).toBeNull();
  });
});
