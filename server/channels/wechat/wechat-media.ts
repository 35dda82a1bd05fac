import { z } from 'zod';
import { contentLength, downloadMedia, platformMediaId, type FetchedMedia, type MediaFetcher } from '../framework/media-fetcher';
import { DeliveryError, joinUrl } from '../framework/outbound';
import { RETRYABLE, STALE_TOKEN, wechatBase, wechatReason, type WechatAccessTokens } from './wechat-token';

/** What media/get answers in JSON instead of bytes: an error, or (for a video) where to download it. */
const jsonAnswerSchema = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional(), video_url: z.string().url().optional() });

/**
 * A customer's WeChat photo, voice note or video from the temporary media API (获取临时素材):
 * `GET {base}/cgi-bin/media/get?access_token=…&media_id=…` answers the bytes, or JSON: an error
 * (a stale token is renewed once), or for videos a `video_url` to download from. WeChat keeps
 * temporary media for three days.
 */
export class WechatMediaFetcher implements MediaFetcher {
  constructor(private readonly tokens: WechatAccessTokens) {}

  async fetch({ channel, source, signal }: Parameters<MediaFetcher['fetch']>[0]): Promise<FetchedMedia> {
    const mediaId = platformMediaId(source, 'WeChat');
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(channel, signal);
      const url = joinUrl(wechatBase(channel), `cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`);
      const response = await downloadMedia(url, { method: 'GET', signal }, 'WeChat');
      if (!/json|text\/plain/i.test(response.headers.get('content-type') ?? '')) {
        return { body: response.body, declaredSize: contentLength(response.headers) };
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        throw new DeliveryError(`WeChat answered the media request with text: ${text.slice(0, 200)}`, true);
      }
      const answer = jsonAnswerSchema.safeParse(json);
      const said = answer.success ? answer.data : {};
      if (said.video_url) {
        const video = await downloadMedia(said.video_url, { method: 'GET', signal }, 'WeChat');
        return { body: video.body, declaredSize: contentLength(video.headers) };
      }
      if (said.errcode !== undefined && STALE_TOKEN.has(said.errcode) && attempt === 0) {
        this.tokens.forget(channel.id);
        continue;
      }
      throw new DeliveryError(wechatReason(said, response.status), said.errcode !== undefined && RETRYABLE.has(said.errcode));
    }
  }
}
