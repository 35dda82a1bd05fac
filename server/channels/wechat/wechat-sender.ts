import type { Attachment } from '../../../shared/domain';
import { callPlatform, DeliveryError, fileBlob, joinUrl, retryableStatus, type ChannelSender, type OutboundContext, type OutboundFile, type SendResult } from '../framework/outbound';
import { RETRYABLE, STALE_TOKEN, WechatAccessTokens, wechatBase, wechatReason, type WechatAnswer } from './wechat-token';

/** The customer-service message for a reply: text, or an image already uploaded to WeChat (its media id). */
export function wechatCustomMessage(openId: string, body: string, a: Attachment | null): Record<string, unknown> {
  if (a?.kind === 'image' && a.mediaId && !a.url) return { touser: openId, msgtype: 'image', image: { media_id: a.mediaId } };
  const link = a?.url && !body.includes(a.url) ? `\n${a.url}` : '';
  return { touser: openId, msgtype: 'text', text: { content: `${body}${link}` } };
}

type MediaAnswer = WechatAnswer & { media_id?: string; type?: string };

/**
 * Replies through the customer-service message API (客服消息): `POST {base}/cgi-bin/message/custom/send`
 * with the channel's access token (WechatAccessTokens). An agent's picture is first uploaded as
 * temporary media (`POST {base}/cgi-bin/media/upload?type=image`, multipart `media`) and sent by
 * the media id WeChat gives it; its caption follows as a text message (an image message has none).
 */
export class WechatSender implements ChannelSender {
  constructor(private readonly tokens: WechatAccessTokens = new WechatAccessTokens()) {}

  async send({ channel, recipient, message, signal }: OutboundContext): Promise<SendResult> {
    if (message.file) {
      const mediaId = await this.uploadImage(channel, message.file, signal);
      await this.customSend(channel, { touser: recipient.externalId, msgtype: 'image', image: { media_id: mediaId } }, signal);
      const caption = message.attachment?.caption;
      if (caption) await this.customSend(channel, { touser: recipient.externalId, msgtype: 'text', text: { content: caption } }, signal);
      return { externalId: null };
    }
    await this.customSend(channel, wechatCustomMessage(recipient.externalId, message.body, message.attachment), signal);
    return { externalId: null };
  }

  /** Uploads a picture as temporary media; its media id. Only pictures reach here (documents are refused before storing). */
  private async uploadImage(channel: OutboundContext['channel'], file: OutboundFile, signal: AbortSignal): Promise<string> {
    if (file.kind !== 'image') throw new DeliveryError('WeChat customer-service messages cannot carry a document', false);
    const blob = await fileBlob(file);
    const answer = await this.call<MediaAnswer>(channel, 'cgi-bin/media/upload', '&type=image', () => {
      const form = new FormData();
      form.append('media', blob, file.fileName);
      return { body: form };
    }, (a) => typeof a.media_id === 'string', signal);
    if (!answer.media_id) throw new DeliveryError('WeChat accepted the picture without a media id', false);
    return answer.media_id;
  }

  private async customSend(channel: OutboundContext['channel'], message: Record<string, unknown>, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(message);
    await this.call(channel, 'cgi-bin/message/custom/send', '', () => ({ headers: { 'content-type': 'application/json' }, body }), (a) => a.errcode === 0, signal);
  }

  /**
   * One WeChat API call with the channel's token, successful when `succeeded` says so (custom/send
   * answers errcode 0, media/upload a media id without errcode): a token WeChat calls stale is
   * fetched anew and the call made once more.
   */
  private async call<T extends WechatAnswer>(
    channel: OutboundContext['channel'], path: string, query: string, init: () => RequestInit, succeeded: (answer: T) => boolean, signal: AbortSignal,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(channel, signal);
      const response = await callPlatform(
        joinUrl(wechatBase(channel), `${path}?access_token=${encodeURIComponent(token)}${query}`),
        { method: 'POST', ...init(), signal },
        'WeChat',
      );
      const answer = (response.json ?? {}) as T;
      if (response.status >= 200 && response.status < 300 && succeeded(answer)) return answer;
      if (answer.errcode !== undefined && STALE_TOKEN.has(answer.errcode) && attempt === 0) {
        this.tokens.forget(channel.id);
        continue;
      }
      const retryable = retryableStatus(response.status) || (answer.errcode !== undefined && RETRYABLE.has(answer.errcode));
      throw new DeliveryError(wechatReason(answer, response.status), retryable);
    }
  }
}
