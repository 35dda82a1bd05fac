import { describe, expect, it } from 'vitest';
import { clarifyText } from '../../domain/bot/dialogue/replies';
import { platformText } from './platform-text';

const article = '## 退货政策\n\n收到商品 **7 天内** 可申请退货：\n\n- 保持包装完好\n- 详见 [退货说明](https://shop.example/returns)';

describe('replies as each platform shows them', () => {
  it('never sends Markdown source marks to Telegram, WeChat, email or the API', () => {
    for (const kind of ['telegram', 'wechat', 'email', 'api'] as const) {
      const text = platformText(kind, article);
      expect(text).toBe('退货政策\n\n收到商品 7 天内 可申请退货：\n\n- 保持包装完好\n- 详见 退货说明 (https://shop.example/returns)');
      expect(text).not.toMatch(/\*\*|^#/m);
    }
  });

  it('keeps emphasis on WhatsApp in its own marks', () => {
    expect(platformText('whatsapp', article)).toBe(
      '*退货政策*\n\n收到商品 *7 天内* 可申请退货：\n\n- 保持包装完好\n- 详见 退货说明 (https://shop.example/returns)',
    );
  });

  it('leaves plain words as they are', () => {
    expect(platformText('telegram', 'It ships today.')).toBe('It ships today.');
    expect(platformText('whatsapp', 'https://shop.example/track?id=1')).toBe('https://shop.example/track?id=1');
  });

  it("keeps the bot's numbered suggestions as numbered lines of plain text where a platform has no buttons", () => {
    for (const lang of ['zh', 'en'] as const) {
      const source = clarifyText(lang, ['退款政策 (refunds)', 'Return shipping']);
      for (const kind of ['wechat', 'email', 'api'] as const) {
        const text = platformText(kind, source);
        // Every word of the question is sent (the list may be set apart by blank lines).
        expect(text.replace(/\n+/g, '\n')).toBe(source);
        expect(text.split('\n').filter((l) => /^\d\. /.test(l))).toEqual(['1. 退款政策 (refunds)', '2. Return shipping']);
      }
    }
  });
});
