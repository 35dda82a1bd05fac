import { describe, expect, it } from 'vitest';
import { systemLines } from '../system-lines';
import { translator } from './desktop';
import { systemLineText, widgetSystemLineText } from './system-line-text';
import { widgetTranslator } from './widget';

const line = (body: string, system: ReturnType<(typeof systemLines)[keyof typeof systemLines]> | null = null) => ({ senderType: 'system', body, system });

describe('system lines in the reader’s language', () => {
  it('show every code the server writes in Chinese and English', () => {
    const zh = translator('zh-CN');
    expect(systemLineText(zh, line('taken over by 陈琳', systemLines.takeover('陈琳')))).toBe('已由 陈琳 接管');
    expect(systemLineText(zh, line('taken over by 陈琳 → 李雷', systemLines.takeover('陈琳', '李雷')))).toBe('陈琳 已接管并转给 李雷');
    expect(systemLineText(zh, line('陈琳 joined', systemLines.joined('陈琳')))).toBe('陈琳 加入了会话');
    expect(systemLineText(zh, line('→ 售后', systemLines.transfer('售后', '')))).toBe('已转给 售后');
    expect(systemLineText(translator('en'), line('re-queued: agent disconnected', systemLines.requeued()))).toBe('Back in the queue: the agent disconnected');
  });

  it('show the satisfaction survey and the customer’s answer (with comment and flags) to agents', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    expect(systemLineText(zh, line('您满意吗？', systemLines.csatSurvey()))).toBe('已发送满意度调查：您满意吗？');
    expect(systemLineText(en, line('x', systemLines.csatAnswer(4, null, { late: false, changed: false })))).toBe('Customer satisfaction: 4/5');
    expect(systemLineText(zh, line('x', systemLines.csatAnswer(2, '太慢了', { late: true, changed: false })))).toBe('客户满意度：2/5 —“太慢了”');
    expect(systemLines.csatAnswer(5, '', { late: true, changed: true }).params).toEqual({ rating: '5', late: 'true', changed: 'true' });
  });

  it('read old English lines by their words, and show anything else as stored', () => {
    const zh = translator('zh-CN');
    expect(systemLineText(zh, line('taken over by Lin Chen 陈琳'))).toBe('已由 Lin Chen 陈琳 接管');
    expect(systemLineText(zh, line('Lin Chen 陈琳 joined'))).toBe('Lin Chen 陈琳 加入了会话');
    expect(systemLineText(zh, line('something new', { code: 'from_a_newer_server', params: {} }))).toBe('something new');
    expect(systemLineText(zh, line('Not delivered on WhatsApp: user blocked: 131047'))).toBe('未能通过 WhatsApp 送达：user blocked: 131047');
    expect(systemLineText(zh, line('Not delivered: timeout'))).toBe('未送达：timeout');
    // An agent's note that happens to end in "joined" is not a system line.
    expect(systemLineText(zh, { senderType: 'agent', body: 'the customer joined' })).toBe('the customer joined');
  });

  it('give the customer the widget’s words for the notices they see', () => {
    const zh = widgetTranslator('zh-CN');
    expect(widgetSystemLineText(zh, line('Connecting you to a person… please wait a moment.', systemLines.handoff()))).toBe('正在为您转接人工客服，请稍候…');
    expect(widgetSystemLineText(widgetTranslator('en'), line('x', systemLines.closed('售后')))).toMatch(/^The 售后 team is away right now/);
    expect(widgetSystemLineText(zh, { body: '您好' })).toBe('您好');
  });
});
