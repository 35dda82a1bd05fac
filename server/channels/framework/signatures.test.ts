import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, switchboardSignature, verifyHubSignature, verifyWechatSignature, wechatSignature } from './signatures';

describe('platform signatures', () => {
  it('checks Meta’s X-Hub-Signature-256 over the exact raw bytes', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const good = `sha256=${createHmac('sha256', 'app-secret').update(body).digest('hex')}`;
    expect(verifyHubSignature(body, good, 'app-secret')).toBe(true);
    expect(verifyHubSignature(body, good.toUpperCase().replace('SHA256=', 'sha256='), 'app-secret')).toBe(true);
    expect(verifyHubSignature(Buffer.from(`${body.toString()} `), good, 'app-secret')).toBe(false);
    expect(verifyHubSignature(body, good, 'other-secret')).toBe(false);
    expect(verifyHubSignature(body, undefined, 'app-secret')).toBe(false);
    expect(verifyHubSignature(body, 'sha256=', 'app-secret')).toBe(false);
  });

  it('computes WeChat’s sha1 of the sorted token, timestamp and nonce', () => {
    const expected = createHash('sha1').update(['1409659589', '263014780', 'token'].sort().join('')).digest('hex');
    expect(wechatSignature('token', '1409659589', '263014780')).toBe(expected);
    expect(verifyWechatSignature('token', { signature: expected, timestamp: '1409659589', nonce: '263014780' })).toBe(true);
    expect(verifyWechatSignature('token', { signature: expected, timestamp: '1409659590', nonce: '263014780' })).toBe(false);
    expect(verifyWechatSignature('token', { timestamp: '1', nonce: '2' })).toBe(false);
  });

  it('signs replies to a shop’s app over the timestamp and the body', () => {
    const signature = switchboardSignature('s', '1700000000', '{"a":1}');
    expect(signature).toBe(`sha256=${createHmac('sha256', 's').update('1700000000.{"a":1}').digest('hex')}`);
    expect(switchboardSignature('s', '1700000001', '{"a":1}')).not.toBe(signature);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc ')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
