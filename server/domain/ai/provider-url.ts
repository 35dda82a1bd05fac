import { AppError } from '../../../shared/errors';
import { isLoopbackHostname } from '../../../shared/loopback';

/**
 * Reads an admin's provider base URL (`https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`):
 * https, or http only to this machine (as for server addresses, shared/server-url.ts), with its
 * path kept and no trailing slash. '' means "not set". Credentials, queries and fragments are
 * refused: the key travels in its own header.
 */
export function normalizeProviderUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') return '';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('bad_request', `"${trimmed}" is not a URL`, { field: 'baseUrl' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new AppError('bad_request', `"${trimmed}" must start with https://`, { field: 'baseUrl' });
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new AppError('insecure_server', `"${trimmed}" is not on this computer, so it must use https://`, { field: 'baseUrl' });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('bad_request', 'the base URL carries no credentials, query or fragment', { field: 'baseUrl' });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
