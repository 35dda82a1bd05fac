import { AppError } from './errors';
import { isLoopbackHostname } from './loopback';

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; code: 'bad_request' | 'insecure_server' };

/**
 * Reads a typed server address as the origin to talk to. "host:port" and trailing paths are
 * accepted; a missing scheme means https, or http for this machine (localhost, 127.0.0.0/8, ::1).
 * Plain http to another machine is refused: passwords and messages would cross the network in clear.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, code: 'bad_request' };
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  let url: URL;
  try {
    url = new URL(scheme ? trimmed : `http://${trimmed}`);
    if (!scheme && !isLoopbackHostname(url.hostname)) url = new URL(`https://${trimmed}`);
  } catch {
    return { ok: false, code: 'bad_request' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return { ok: false, code: 'bad_request' };
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) return { ok: false, code: 'insecure_server' };
  return { ok: true, url: url.origin };
}

/** checkServerUrl, throwing the refusal as an AppError with its stable code. */
export function normalizeServerUrl(input: string): string {
  const checked = checkServerUrl(input);
  if (checked.ok) return checked.url;
  throw checked.code === 'insecure_server'
    ? new AppError('insecure_server', `"${input.trim()}" is not on this computer, so it must use https://`)
    : new AppError('bad_request', `"${input.trim()}" is not a server address`);
}
