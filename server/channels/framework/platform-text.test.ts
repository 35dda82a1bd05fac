import { describe, expect, it } from 'vitest';
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
});
