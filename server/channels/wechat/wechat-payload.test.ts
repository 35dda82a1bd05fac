import { describe, expect, it } from 'vitest';
import { parseWechatMessage } from './wechat-payload';

const text = (msgId: string, content: string) =>
  `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime>` +
  `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;

describe('WeChat callbacks', () => {
  it('keeps a 19-digit MsgId exactly (it must not become a rounded number)', () => {
    const parsed = parseWechatMessage(text('6054768590064713728', 'this is a test'));
    expect(parsed).toMatchObject({ ok: true, kind: 'message', message: { externalId: '6054768590064713728', body: 'this is a test', sender: { externalId: 'fromUser' } } });
  });

  it('keeps what looks like markup or numbers in the text as text', () => {
    expect(parseWechatMessage(text('1', '<b>007</b> & 1e3'))).toMatchObject({ ok: true, message: { body: '<b>007</b> & 1e3' } });
  });

  it('reads a location with its label', () => {
    const xml = '<xml><FromUserName>u</FromUserName><CreateTime>1351776360</CreateTime><MsgType>location</MsgType>'
      + '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1</MsgId></xml>';
    expect(parseWechatMessage(xml)).toMatchObject({
      ok: true, message: { body: '[Location: 23.134521, 113.358803, 位置信息]', attachment: { kind: 'location', latitude: 23.134521, longitude: 113.358803 } },
    });
  });

  it('dedupes events by sender and time, and leaves menu clicks alone', () => {
    const event = (name: string) => `<xml><FromUserName>u</FromUserName><CreateTime>123456789</CreateTime><MsgType>event</MsgType><Event>${name}</Event></xml>`;
    expect(parseWechatMessage(event('subscribe'))).toMatchObject({ ok: true, kind: 'message', message: { externalId: 'u:123456789:subscribe' } });
    expect(parseWechatMessage(event('CLICK'))).toMatchObject({ ok: true, kind: 'ignored' });
  });

  it('refuses what is not a callback, including declared entities', () => {
    expect(parseWechatMessage('{"json": true}')).toMatchObject({ ok: false });
    expect(parseWechatMessage('<xml><MsgType>text</MsgType></xml>')).toMatchObject({ ok: false });
    expect(parseWechatMessage('<!DOCTYPE xml [<!ENTITY x "y">]><xml><FromUserName>&x;</FromUserName></xml>')).toMatchObject({ ok: false });
  });
});
