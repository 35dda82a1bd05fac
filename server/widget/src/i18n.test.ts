// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import { applyPageTexts, widgetLanguage } from './i18n';

describe('the page language', () => {
  it('is Chinese for any Chinese browser and English otherwise', () => {
    expect(widgetLanguage('zh-CN')).toBe('zh-CN');
    expect(widgetLanguage('zh-TW')).toBe('zh-CN');
    expect(widgetLanguage('ZH')).toBe('zh-CN');
    expect(widgetLanguage('en-GB')).toBe('en');
    expect(widgetLanguage('fr')).toBe('en');
    expect(widgetLanguage(undefined)).toBe('en');
  });

  it('writes the fixed texts, the placeholder and the title', () => {
    document.body.innerHTML = '<h1 data-i18n="widget.title">Chat with us</h1><textarea data-i18n-placeholder="widget.composer.placeholder"></textarea>';
    applyPageTexts(document, 'zh-CN', widgetTranslator('zh-CN'));
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('在线客服');
    expect(document.querySelector('h1')!.textContent).toBe('在线客服');
    expect(document.querySelector('textarea')!.getAttribute('placeholder')).toBe('请输入消息…');
  });
});
