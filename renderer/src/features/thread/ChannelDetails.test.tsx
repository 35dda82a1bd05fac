// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../../../shared/contract';
import { AppUnderTest } from '../../testing/app-under-test';
import { message } from '../../testing/fixtures';
import { signedIn } from '../../testing/workstation-harness';
import { MessageItem } from './MessageItem';

function renderIn(language: 'en' | 'zh-CN', m: ThreadMessage) {
  const app = new AppUnderTest(language);
  app.signIn(signedIn);
  render(
    <ul>
      <MessageItem message={m} />
    </ul>,
    { wrapper: app.wrapper },
  );
  return screen.getAllByRole('listitem')[0]!;
}

afterEach(() => cleanup());

describe('what a platform said about a customer’s message', () => {
  it('a reaction reads as one, with the message it reacts to, in the agent’s language', () => {
    const reaction = message({
      id: 'r1', senderName: 'Sheena Nelson', body: '[Reaction 👍]',
      channelDetails: { reaction: { emoji: '👍' }, quote: { body: 'It ships today.', senderType: 'agent' } },
    });
    expect(within(renderIn('en', reaction)).getByText('Reacted 👍 to “It ships today.”')).toBeTruthy();
    cleanup();
    expect(within(renderIn('zh-CN', reaction)).getByText('对“It ships today.”回应了 👍')).toBeTruthy();
  });

  it('a reply shows the replied-to message as a quote above the text', () => {
    const item = renderIn('en', message({
      id: 'q1', body: 'Yes, that one', channelDetails: { quote: { body: 'Is it the blue vase?', senderType: 'agent' } },
    }));
    expect(within(item).getByTestId('message-quote').textContent).toBe('In reply to: “Is it the blue vase?”');
    expect(within(item).getByText('Yes, that one')).toBeTruthy();
  });

  it('contact cards list names and phone numbers', () => {
    const item = renderIn('zh-CN', message({
      id: 'c1', body: '[Contact: Barbara Johnson +1 (940) 555-1234]',
      channelDetails: { contacts: [{ name: 'Barbara Johnson', phones: ['+1 (940) 555-1234', '+1 (650) 555-1234'] }] },
    }));
    const cards = within(item).getByTestId('message-contacts');
    expect(cards.textContent).toContain('分享了 1 张联系人名片');
    expect(cards.textContent).toContain('Barbara Johnson');
    expect(cards.textContent).toContain('+1 (940) 555-1234, +1 (650) 555-1234');
  });

  it('a changed number is an agents-only system line in the agent’s language', () => {
    const item = renderIn('zh-CN', message({
      id: 's1', senderType: 'system', internal: true, body: 'The customer changed their number from +16505551234 to +16505559999',
      channelDetails: { numberChanged: { from: '+16505551234', to: '+16505559999' } },
    }));
    expect(within(item).getByText('客户已将号码从 +16505551234 更换为 +16505559999，之后的回复将发送到新号码。')).toBeTruthy();
  });
});
