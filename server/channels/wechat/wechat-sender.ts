import { DEFAULT_API_BASE_URLS } from '../../../shared/channels';
import type { Attachment } from '../../../shared/domain';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { callPlatform, DeliveryError, joinUrl, retryableStatus, type ChannelSender, type OutboundContext, type SendResult } from '../framework/outbound';

type WechatAnswer = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };

/** errcodes that say the access token is no longer good: fetch a new one and try once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** errcodes that say "later": system busy, API call limits. */
const RETRYABLE = new Set([-1, 45009, 45011, 45047]);

/** The customer-service message for a reply: text, or an image already uploaded to WeChat (its media id). */
export function wechatCustomMessage(openId: string, body: string, a: Attachment | null): Record<string, unknown> {
  if (a?.kind === 'image' && a.mediaId && !a.url) return { touser: openId, msgtype: 'image', image: { media_id: a.mediaId } };
  const link = a?.url && !body.includes(a.url) ? `\n${a.url}` : '';
  return { touser: openId, msgtype: 'text', text: { content: `${body}${link}` } };
}

const reasonOf = (answer: WechatAnswer, status: number) =>
  answer.errcode !== undefined ? `${answer.errmsg ?? 'WeChat error'} (errcode ${answer.errcode})` : `WeChat answered HTTP ${status}`;

/**
 * Replies through the customer-service message API (客服消息): `POST {base}/cgi-bin/message/custom/send`
 * with an access token from `GET {base}/cgi-bin/token`, kept until shortly before it expires.
 */
export class WechatSender implements ChannelSender {
  private readonly tokens = new Map<string, { token: string; expiresAt: number; key: string }>();

  async send({ channel, recipient, message, signal }: OutboundContext): Promise<SendResult> {
    const payload = JSON.stringify(wechatCustomMessage(recipient.externalId, message.body, message.attachment));
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(channel, signal);
      const response = await callPlatform(
        joinUrl(this.base(channel), `cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload, signal },
        'WeChat',
      );
      const answer = (response.json ?? {}) as WechatAnswer;
      if (response.status >= 200 && response.status < 300 && answer.errcode === 0) return { externalId: null };
      if (answer.errcode !== undefined && STALE_TOKEN.has(answer.errcode) && attempt === 0) {
        this.tokens.delete(channel.id);
        continue;
      }
      const retryable = retryableStatus(response.status) || (answer.errcode !== undefined && RETRYABLE.has(answer.errcode));
      throw new DeliveryError(reasonOf(answer, response.status), retryable);
    }
  }

  private base(channel: ChannelRecord): string {
    return typeof channel.config.apiBaseUrl === 'string' ? channel.config.apiBaseUrl : DEFAULT_API_BASE_URLS.wechat;
  }

  private async accessToken(channel: ChannelRecord, signal: AbortSignal): Promise<string> {
    const appId = String(channel.config.appId ?? '');
    const secret = channel.secrets.appSecret;
    if (!appId || !secret) throw new DeliveryError('the WeChat channel has no AppID or AppSecret', false);
    // A changed AppID or secret must not reuse the old token.
    const key = `${appId}:${secret}`;
    const cached = this.tokens.get(channel.id);
    if (cached && cached.key === key && cached.expiresAt > Date.now()) return cached.token;
    const url = joinUrl(this.base(channel), `cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(secret)}`);
    const response = await callPlatform(url, { method: 'GET', signal }, 'WeChat');
    const answer = (response.json ?? {}) as WechatAnswer;
    if (!answer.access_token) {
      const retryable = retryableStatus(response.status) || (answer.errcode !== undefined && RETRYABLE.has(answer.errcode));
      throw new DeliveryError(`no access token: ${reasonOf(answer, response.status)}`, retryable);
    }
    // Renewed five minutes early: WeChat's own tokens last two hours.
    const lifetimeMs = Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000;
    this.tokens.set(channel.id, { token: answer.access_token, expiresAt: Date.now() + lifetimeMs, key });
    return answer.access_token;
  }
}
