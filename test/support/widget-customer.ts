import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser';
import { expect } from 'vitest';
import type { TestCore } from './core-harness';
import { waitUntil } from './wait';

/**
 * A customer's chat page in Chromium, and what e2e tests do with it: open it in a locale, write
 * (after picking a topic in the menu, when given), read the queue line.
 */
export async function openWidget(browser: Pick<TestBrowser, 'newContext'>, serverUrl: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 420, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${serverUrl}/widget/`);
  return page;
}

/** Sends `text` from the widget (picking the topic matching `group` first) and waits until it is stored. */
export async function writeInWidget(page: Page, text: string, group?: RegExp): Promise<void> {
  if (group) {
    const choices = page.getByTestId('widget-group');
    await expect.poll(() => choices.count(), { timeout: 15_000 }).toBe(2);
    await choices.filter({ hasText: group }).click();
    await expect.poll(() => choices.filter({ hasText: group }).getAttribute('aria-pressed')).toBe('true');
  }
  await page.getByLabel(/^(Message|消息)$/).fill(text);
  await page.getByTestId('widget-send').click();
  await expect
    .poll(() => page.locator('[data-testid=widget-message][data-from=me]').last().getAttribute('data-delivery'), { timeout: 15_000 })
    .toBe('sent');
}

/** The line telling the customer where they stand. */
export const widgetQueueLine = (page: Page) => page.getByTestId('widget-queue');

/** An agent's client core in a test, with who they are. */
export type CoreAgent = TestCore & { userId: string; name: string };

/** The latest update saying the conversation whose last words include `text` is offered to `agent`. */
export const offeredTo = (agent: CoreAgent, text: string) =>
  [...agent.eventsOf('conversation.updated')]
    .reverse()
    .find((c) => c.routingState === 'offered' && c.offeredToId === agent.userId && c.lastMessagePreview.includes(text));

/** That conversation, once it is offered to `agent`. */
export const offerTo = (agent: CoreAgent, text: string) => waitUntil(() => offeredTo(agent, text), `"${text}" to be offered to ${agent.name}`, 20_000);
