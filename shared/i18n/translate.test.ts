import { describe, expect, it } from 'vitest';
import { errorCodes } from '../errors';
import { dictionaries, translator } from './desktop';
import { en } from './en';
import { describeDraftReason, describeError, describeOfferError, describeTransferError, errorKey } from './error-text';
import { formatMessage } from './format-message';
import { languages, resolveInitialLanguage } from './languages';
import { zhCN } from './zh-CN';

describe('dictionaries', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const language of languages) {
      for (const [key, value] of Object.entries(dictionaries[language])) {
        expect(value.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('label the login fields as the end-to-end test looks for them', () => {
    expect([en['login.serverUrl'], en['login.email'], en['login.password']]).toEqual(['Server URL', 'Email', 'Password']);
    expect([zhCN['login.serverUrl'], zhCN['login.email'], zhCN['login.password']]).toEqual(['服务器地址', '邮箱', '密码']);
    expect([en['composer.label'], zhCN['composer.label']]).toEqual(['Reply', '回复']);
  });

  it('name the presences, the status switch and the transfer note as the workstation promises', () => {
    const names = (d: Record<keyof typeof en, string>) => [d['presence.online'], d['presence.busy'], d['presence.away'], d['presence.offline']];
    expect(names(en)).toEqual(['Online', 'Busy', 'Away', 'Offline']);
    expect(names(zhCN)).toEqual(['在线', '忙碌', '离开', '离线']);
    expect([en['presence.label'], zhCN['presence.label']]).toEqual(['Status', '状态']);
    expect([en['transfer.note'], zhCN['transfer.note']]).toEqual(['Note for the next agent', '给下一位客服的备注']);
    expect([en['message.internalNote'], zhCN['message.internalNote']]).toEqual(['Note (agents only)', '内部备注（仅客服可见）']);
    expect([en['routing.bot'], zhCN['routing.bot']]).toEqual(['With the bot', '机器人接待中']);
    expect([en['routing.pending'], zhCN['routing.pending']]).toEqual(['Left a message', '留言']);
  });

  it('fill in offers, waiting times, load and the summary', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(en('offer.announce', { name: 'Wang Fang' })).toBe('New chat offered: Wang Fang');
    expect(zh('offer.announce', { name: '王芳' })).toBe('新会话分配给您：王芳');
    expect(en('routing.waiting', { time: '02:13' })).toBe('Waiting 02:13');
    expect(en('presence.load', { load: 3, max: 5 })).toBe('3/5 chats');
    expect(en('thread.summary', { summary: 'Where is my order?' })).toBe('Customer asked: Where is my order?');
    expect(zh('thread.summary', { summary: '订单到哪了' })).toBe('客户问题：订单到哪了');
  });
});

describe('error sentences', () => {
  it('cover every error code in both languages', () => {
    for (const code of errorCodes) {
      for (const language of languages) {
        const sentence = translator(language)(errorKey(code));
        expect(sentence, `${language} ${code}`).not.toBe('');
        // A distinct sentence per code, not the fallback.
        if (code !== 'internal') expect(sentence).not.toBe(translator(language)('error.internal'));
      }
    }
  });

  it('say what went wrong in words a person understands', () => {
    expect(describeError(translator('en'), { code: 'invalid_credentials' })).toBe('The email or password is wrong.');
    expect(describeError(translator('zh-CN'), { code: 'invalid_credentials' })).toBe('邮箱或密码不正确。');
  });

  it('read an unknown code as an internal error', () => {
    expect(errorKey('no_such_code')).toBe('error.internal');
    expect(describeError(translator('en'), null)).toBe(en['error.internal']);
  });
});

describe('sentences that name details', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  const reassigned = { code: 'reassigned' as const, message: 'x', details: { assigneeName: '王芳' } };

  it('say who has the conversation now, and fall back when nobody is named', () => {
    expect(describeError(en, reassigned)).toBe('This conversation is now assigned to 王芳.');
    expect(describeError(zh, reassigned)).toBe('该会话现在由王芳负责。');
    expect(describeError(en, { code: 'reassigned' })).toBe('This conversation is now assigned to someone else.');
    expect(describeError(en, { code: 'reassigned', details: { assigneeName: '  ' } })).not.toMatch(/\{|\}/);
  });

  it('explain why a reply came back to the composer', () => {
    expect(describeDraftReason(en, reassigned)).toBe(
      'Not sent: this conversation is now assigned to 王芳. Your reply is kept here.',
    );
    expect(describeDraftReason(zh, reassigned)).toBe('未发送：该会话现在由王芳负责，您的回复已保留在这里。');
    expect(describeDraftReason(en, { code: 'reassigned' })).not.toMatch(/\{|\}/);
    expect(describeDraftReason(en, { code: 'resolved' })).toBe(
      'Not sent: this conversation was resolved. Your reply is kept here.',
    );
    expect(describeDraftReason(zh, { code: 'forbidden' })).toBe(
      `未发送：${zh('error.forbidden')}您的回复已保留在这里。`,
    );
  });

  it('label a reply written offline', () => {
    expect(en('delivery.queued')).toBe('Queued — sends when you are back online');
    expect(zh('delivery.queued')).toBe('排队中——恢复连接后发送');
    expect(en('inbox.lost')).toBe('No longer yours — your unsent text is kept');
    expect(zh('inbox.lost')).toBe('已不属于您——未发送的内容已保留');
  });
});

describe('offer and transfer failures', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('say an offer ended when it was taken away or ran out', () => {
    expect(describeOfferError(en, { code: 'conflict' })).toBe('This chat is no longer offered to you; it went back to the queue.');
    expect(describeOfferError(zh, { code: 'forbidden' })).toBe('该会话已不再分配给您，已回到排队队列。');
    expect(describeOfferError(en, { code: 'offline' })).toBe(en('error.offline'));
    expect(describeOfferError(en, { code: 'reassigned', details: { assigneeName: 'Wang' } })).toBe(
      'This conversation is now assigned to Wang.',
    );
  });

  it('name the colleague who went offline, and who may transfer', () => {
    expect(describeTransferError(en, { code: 'conflict', details: { agentName: 'Tom' } })).toBe(
      'Tom is offline. Transfer to someone online or to a group.',
    );
    expect(describeTransferError(en, { code: 'conflict' })).toBe(en('error.conflict'));
    expect(describeTransferError(zh, { code: 'forbidden' })).toBe('只有负责该会话的客服或主管可以转接。');
    expect(describeTransferError(en, { code: 'offline' })).toBe(en('error.offline'));
  });
});

describe('language choice', () => {
  it('prefers the stored choice, then the browser language, then English', () => {
    expect(resolveInitialLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveInitialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveInitialLanguage('klingon', ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveInitialLanguage(null, ['fr-FR'])).toBe('en');
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Offline since {time} — retrying in {seconds} s', 'en', { time: '14:03', seconds: 5 })).toBe(
      'Offline since 14:03 — retrying in 5 s',
    );
    expect(formatMessage('Hello {name}', 'en', {})).toBe('Hello {name}');
  });
});
