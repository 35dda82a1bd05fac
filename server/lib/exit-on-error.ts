/** Ends a command-line program with a one-line reason instead of a stack trace. */
export function exitWithError(what: string, err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${what}: ${message}`);
  if (process.env.SWITCHBOARD_DEBUG === '1' && err instanceof Error) console.error(err.stack);
  process.exit(1);
}
