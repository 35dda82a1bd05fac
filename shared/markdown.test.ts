import { describe, expect, it } from 'vitest';
import { markdownToPlainText, parseInline, parseMarkdown } from './markdown';

const ARTICLE = `# 退款政策

签收后 **7 天内**可无理由退货。
商品需保持完好。

- 原路退回
- 1–3 个工作日到账

1. 联系客服
2. 寄回商品

> 节假日顺延

详见 [帮助中心](https://help.example.com) 或 \`订单详情\`。`;

describe('article Markdown', () => {
  it('reads headings, paragraphs, lists and quotes as blocks', () => {
    const blocks = parseMarkdown(ARTICLE);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'paragraph']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, content: [{ text: '退款政策', style: 'plain' }] });
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      content: [
        { text: '签收后 ', style: 'plain' },
        { text: '7 天内', style: 'strong' },
        { text: '可无理由退货。\n商品需保持完好。', style: 'plain' },
      ],
    });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false, items: [[{ text: '原路退回' }], [{ text: '1–3 个工作日到账' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true, start: 1 });
  });

  it('keeps markup it does not know as the characters written, so nothing becomes HTML', () => {
    expect(parseMarkdown('<script>alert(1)</script> <b>粗体</b>')).toEqual([
      { kind: 'paragraph', content: [{ text: '<script>alert(1)</script> <b>粗体</b>', style: 'plain' }] },
    ]);
  });

  it('keeps the stars of masked text as written, on a line of their own too', () => {
    expect(parseMarkdown('请确认您的**** **** **** **** **** 是否正确')).toEqual([
      { kind: 'paragraph', content: [{ text: '请确认您的**** **** **** **** **** 是否正确', style: 'plain' }] },
    ]);
    expect(parseMarkdown('卡号：\n**** **** **** ****\n手机：\n***********')).toEqual([
      { kind: 'paragraph', content: [{ text: '卡号：\n**** **** **** ****\n手机：\n***********', style: 'plain' }] },
    ]);
    expect(parseInline('**bold** and **粗体** and ** not bold **')).toEqual([
      { text: 'bold', style: 'strong' },
      { text: ' and ', style: 'plain' },
      { text: '粗体', style: 'strong' },
      { text: ' and ** not bold **', style: 'plain' },
    ]);
  });

  it('does not take a number in a sentence for a list', () => {
    expect(parseMarkdown('3.5 kg is the limit').map((b) => b.kind)).toEqual(['paragraph']);
    expect(parseMarkdown('2024年起执行').map((b) => b.kind)).toEqual(['paragraph']);
  });

  it('reads a link as its text and address', () => {
    expect(parseInline('see [help](https://x.test)')).toEqual([{ text: 'see help (https://x.test)', style: 'plain' }]);
  });

  it('turns an article into a chat reply without Markdown marks', () => {
    expect(markdownToPlainText(ARTICLE)).toBe(
      [
        '退款政策',
        '签收后 7 天内可无理由退货。\n商品需保持完好。',
        '- 原路退回\n- 1–3 个工作日到账',
        '1. 联系客服\n2. 寄回商品',
        '节假日顺延',
        '详见 帮助中心 (https://help.example.com) 或 订单详情。',
      ].join('\n\n'),
    );
  });
});
