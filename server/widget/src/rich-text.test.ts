// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderPlainText, safeHref } from './rich-text';

function html(fragment: DocumentFragment): HTMLElement {
  const div = document.createElement('div');
  div.appendChild(fragment);
  return div;
}

describe('links in widget messages', () => {
  it('opens http and https addresses in a new tab without telling the page who opened it', () => {
    const div = html(renderPlainText(document, 'Track it at https://shop.example/track?id=42. Thanks!'));
    const link = div.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://shop.example/track?id=42');
    expect(link.textContent).toBe('https://shop.example/track?id=42');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(div.textContent).toBe('Track it at https://shop.example/track?id=42. Thanks!');
  });

  it('never makes a link of javascript:, data: or other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd']) {
      const div = html(renderPlainText(document, text));
      expect(div.querySelector('a')).toBeNull();
      expect(div.textContent).toBe(text);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('http://ok.example/')).toBe('http://ok.example/');
  });

  it('keeps markup as characters, inside and around links', () => {
    const hostile = '<img src=x onerror=alert(1)> https://a.example/"><script>alert(1)</script>';
    const div = html(renderPlainText(document, hostile));
    expect(div.querySelector('img, script')).toBeNull();
    expect(div.textContent).toBe(hostile);
    expect(div.querySelector('a')!.getAttribute('href')).toBe('https://a.example/');
  });

  it('ends a link before Chinese punctuation', () => {
    const div = html(renderPlainText(document, '请看https://shop.example/faq，谢谢'));
    expect(div.querySelector('a')!.textContent).toBe('https://shop.example/faq');
  });
});

describe('Markdown in agent and bot messages', () => {
  it('shows bold, emphasis, code, lists and quotes as formatting, not as marks', () => {
    const div = html(renderMarkdown(document, '**退货步骤**\n\n1. 打开 *我的订单*\n2. 点击 `申请退货`\n\n- 运费：免费\n\n> 7 天内可退'));
    expect(div.querySelector('strong')!.textContent).toBe('退货步骤');
    const ordered = div.querySelector('ol')!;
    expect([...ordered.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['打开 我的订单', '点击 申请退货']);
    expect(ordered.querySelector('em')!.textContent).toBe('我的订单');
    expect(ordered.querySelector('code')!.textContent).toBe('申请退货');
    expect(div.querySelector('ul li')!.textContent).toBe('运费：免费');
    expect(div.querySelector('blockquote')!.textContent).toBe('7 天内可退');
    expect(div.textContent).not.toMatch(/\*\*|`|^>/);
  });

  it('makes a Markdown link a safe link and leaves a javascript: one as text', () => {
    const div = html(renderMarkdown(document, 'See [the FAQ](https://shop.example/faq) or [this](javascript:alert(1))'));
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/faq']);
    expect(div.textContent).toContain('javascript:alert(1)');
  });

  it('never turns HTML in the source into elements', () => {
    const div = html(renderMarkdown(document, '# <img src=x onerror=alert(1)>\n\n**<script>x</script>**'));
    expect(div.querySelector('img, script')).toBeNull();
    expect(div.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
