/** True for a name that reaches this machine only: localhost, 127.0.0.0/8 and ::1 (bracketed or not). */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name === '[::1]' || name === '::1') return true;
  const parts = name.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** True when an HTTP Host header (`name[:port]`) names this machine only. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(`http://${host}`);
    // A Host header carries a name and a port, nothing else.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return false;
    return isLoopbackHostname(url.hostname);
  } catch {
    return false;
  }
}
