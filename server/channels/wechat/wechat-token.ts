import { DEFAULT_API_BASE_URLS } from '../../../shared/channels';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { callPlatform, DeliveryError, joinUrl, retryableStatus } from '../framework/outbound';

export type WechatAnswer = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };

/** errcodes that say the access token is no longer good: fetch a new one and try once more. */
export const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** errcodes that say "later": system busy, API call limits. */
export const RETRYABLE = new Set([-1, 45009, 45011, 45047]);

export const wechatReason = (answer: WechatAnswer, status: number) =>
  answer.errcode !== undefined ? `${answer.errmsg ?? 'WeChat error'} (errcode ${answer.errcode})` : `WeChat answered HTTP ${status}`;

/** The channel's Official Account API address (a test's recording server, or WeChat's own). */
export function wechatBase(channel: ChannelRecord): string {
  return typeof channel.config.apiBaseUrl === 'string' ? channel.config.apiBaseUrl : DEFAULT_API_BASE_URLS.wechat;
}

/**
 * Access tokens of WeChat channels from `GET {base}/cgi-bin/token`, kept until shortly before they
 * expire. One per server, shared by replies and media downloads: WeChat invalidates the previous
 * token whenever a new one is issued, so two holders would keep spoiling each other's.
 */
export class WechatAccessTokens {
  private readonly tokens = new Map<string, { token: string; expiresAt: number; key: string }>();

  /** Drops a token WeChat said is no longer good; the next `get` fetches a new one. */
  forget(channelId: string): void {
    this.tokens.delete(channelId);
  }

  async get(channel: ChannelRecord, signal: AbortSignal): Promise<string> {
    const appId = String(channel.config.appId ?? '');
    const secret = channel.secrets.appSecret;
    if (!appId || !secret) throw new DeliveryError('the WeChat channel has no AppID or AppSecret', false);
    // A changed AppID or secret must not reuse the old token.
    const key = `${appId}:${secret}`;
    const cached = this.tokens.get(channel.id);
    if (cached && cached.key === key && cached.expiresAt > Date.now()) return cached.token;
    const url = joinUrl(wechatBase(channel), `cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(secret)}`);
    const response = await callPlatform(url, { method: 'GET', signal }, 'WeChat');
    const answer = (response.json ?? {}) as WechatAnswer;
    if (!answer.access_token) {
      const retryable = retryableStatus(response.status) || (answer.errcode !== undefined && RETRYABLE.has(answer.errcode));
      throw new DeliveryError(`no access token: ${wechatReason(answer, response.status)}`, retryable);
    }
    // Renewed five minutes early: WeChat's own tokens last two hours.
    const lifetimeMs = Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000;
    this.tokens.set(channel.id, { token: answer.access_token, expiresAt: Date.now() + lifetimeMs, key });
    return answer.access_token;
  }
}
