// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiSettingsView } from '../../../../shared/ai';
import { AppUnderTest } from '../../testing/app-under-test';
import { AiSettingsAdmin } from './AiSettingsAdmin';

let app: AppUnderTest;

const saved: AiSettingsView = {
  baseUrl: 'https://api.example.com/v1', chatModel: 'chat', embeddingModel: 'embed', apiKeySet: true, timeoutMs: 4000,
  features: { hybridRetrieval: false, groundedAnswers: false, handoffSummary: false, replySuggestions: false }, updatedAt: null,
};

afterEach(() => cleanup());

describe('the AI provider settings', () => {
  it('shows the key only as set, keeps it when the field stays empty, and sends only what changed', async () => {
    app = new AppUnderTest('en');
    app.fake.answer('ai.settings', () => saved).answer('ai.saveSettings', (change) => ({ ...saved, features: { ...saved.features, ...change.features } }));
    render(<AiSettingsAdmin offline={false} />, { wrapper: app.wrapper });
    expect((await screen.findByTestId('ai-api-key-state')).textContent).toBe(app.t('aiAdmin.keySet'));
    expect(screen.getByTestId('ai-api-key')).toHaveProperty('value', '');
    await userEvent.click(screen.getByRole('checkbox', { name: app.t('aiAdmin.feature.groundedAnswers') }));
    await userEvent.click(screen.getByTestId('ai-save'));
    await app.fake.untilCalled('ai.saveSettings');
    expect(app.fake.callsOf('ai.saveSettings')).toEqual([{ features: { groundedAnswers: true } }]);
    expect(await screen.findByText(app.t('aiAdmin.saved'))).toBeTruthy();
  });

  it('says in Chinese why a URL was refused, keeping what was typed', async () => {
    app = new AppUnderTest('zh-CN');
    app.fake.answer('ai.settings', () => ({ ...saved, apiKeySet: false }));
    app.fake.failWith('ai.saveSettings', 'insecure_server', 'must use https');
    render(<AiSettingsAdmin offline={false} />, { wrapper: app.wrapper });
    expect((await screen.findByTestId('ai-api-key-state')).textContent).toBe('未设置密钥。');
    const url = screen.getByTestId('ai-base-url');
    await userEvent.clear(url);
    await userEvent.type(url, 'http://llm.example.com/v1');
    await userEvent.click(screen.getByTestId('ai-save'));
    expect((await screen.findByTestId('ai-save-error')).textContent).toContain('未保存。');
    expect(url).toHaveProperty('value', 'http://llm.example.com/v1');
  });

  it('says in Chinese why the connection test failed', async () => {
    app = new AppUnderTest('zh-CN');
    app.fake.answer('ai.settings', () => saved).answer('ai.test', () => ({
      chat: { ok: false, code: 'unauthorized', message: 'HTTP 401' },
      embeddings: { ok: true, code: null, message: null, dims: 64 },
    }));
    render(<AiSettingsAdmin offline={false} />, { wrapper: app.wrapper });
    await userEvent.click(await screen.findByRole('button', { name: '测试连接' }));
    expect((await screen.findByTestId('ai-test-chat')).textContent).toBe('对话模型: 失败（密钥被拒绝）');
    expect(screen.getByTestId('ai-test-embeddings').textContent).toBe('向量模型: 正常');
  });
});
