/** True when a Switchboard server at `serverUrl` answers GET /healthz with a 2xx. */
export async function isServerHealthy(serverUrl: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', serverUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls /healthz until the server answers. Rejects with a message naming the URL when `timeoutMs`
 * passes, or at once when `gaveUp()` reports the server process has ended.
 */
export async function waitForHealthy(
  serverUrl: string,
  options: { timeoutMs: number; intervalMs?: number; gaveUp?: () => string | null },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await isServerHealthy(serverUrl)) return;
    const reason = options.gaveUp?.() ?? null;
    if (reason) throw new Error(reason);
    if (Date.now() >= deadline) {
      throw new Error(
        `The Switchboard server did not answer ${new URL('/healthz', serverUrl).href} within ${Math.round(options.timeoutMs / 1000)} s; see its output above.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
