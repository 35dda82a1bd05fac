import { DeliveryError } from '../framework/outbound';
import type { FetchedMedia, MediaFetcher } from '../framework/media-fetcher';
import { fetchPublicUrl } from '../framework/public-url-fetch';

/**
 * A file an API channel's app sent as a link: fetched from the public internet only (see
 * fetchPublicUrl). `allowLoopback` lets tests serve it from 127.0.0.1.
 */
export function apiMediaFetcher(options: { allowLoopback: boolean }): MediaFetcher {
  return {
    async fetch({ source, signal }): Promise<FetchedMedia> {
      if (source.kind !== 'url') throw new DeliveryError(`API channel files are fetched by their link, not by a ${source.kind} source`, false);
      const answer = await fetchPublicUrl(source.url, { signal, allowLoopback: options.allowLoopback });
      return { body: answer.body, declaredSize: answer.declaredSize };
    },
  };
}
