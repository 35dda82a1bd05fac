import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from './quoted-reply';

describe('the new text of an email reply', () => {
  it('drops Gmail’s "On … wrote:" and everything quoted after it, also when the line wraps', () => {
    expect(stripQuotedReply('Thanks, that works.\n\nOn Mon, 20 Oct 2025 at 10:00, Shop <s@shop.example> wrote:\n> Try again\n')).toBe('Thanks, that works.');
    expect(stripQuotedReply('Great!\n\nOn Mon, 20 Oct 2025 at 10:00 Shop Support\n<s@shop.example> wrote:\n> old')).toBe('Great!');
  });

  it('drops Outlook’s original message block and header block', () => {
    expect(stripQuotedReply('See attached.\r\n\r\n-----Original Message-----\r\nFrom: Shop\r\nSent: Monday\r\n\r\nold text')).toBe('See attached.');
    expect(stripQuotedReply('OK\n\n________________________________\nFrom: Shop Support <s@shop.example>\nSent: Monday')).toBe('OK');
    expect(stripQuotedReply('OK\n\nFrom: Shop Support <s@shop.example>\nSent: Monday, 20 October\nTo: me')).toBe('OK');
  });

  it('drops Chinese mail clients’ quote headers', () => {
    expect(stripQuotedReply('好的，谢谢\n\n在 2025年10月20日 10:00，客服 <s@shop.example> 写道：\n> 您好')).toBe('好的，谢谢');
    expect(stripQuotedReply('收到\n\n------------------ 原始邮件 ------------------\n发件人: 客服')).toBe('收到');
    expect(stripQuotedReply('收到\n\n发件人：客服 <s@shop.example>\n发送时间：2025年10月20日')).toBe('收到');
  });

  it('drops quoted lines between answers and the signature, keeps what the customer wrote', () => {
    expect(stripQuotedReply('> Which size?\nM, please.\n> And colour?\nBlue.\n\n-- \nLena Park\nSent from my phone')).toBe('M, please.\nBlue.');
  });

  it('leaves a message without quotes as it is', () => {
    expect(stripQuotedReply('Hello,\n\nmy order has not arrived.\n\nLena')).toBe('Hello,\n\nmy order has not arrived.\n\nLena');
    // "On" at the start of an ordinary sentence is not a quote header.
    expect(stripQuotedReply('On Monday the parcel was still not here.\nPlease check.')).toBe('On Monday the parcel was still not here.\nPlease check.');
  });
});
