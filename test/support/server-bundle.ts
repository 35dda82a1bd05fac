import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Two folders below the repository, as `server/cli.ts` is: the server finds the built widget at
 * `../../out/widget/` from its own module.
 */
const bundleFile = `${repo}out/test-server/cli.mjs`;

let built: Promise<string> | undefined;

/**
 * `server/cli.ts` and everything of ours it imports as one JavaScript module (npm packages stay
 * imports), for the tests that run the server as a process of its own. Loading the server's few
 * hundred TypeScript modules through tsx cost about 2 s of CPU at every start (5 to 10 s on a
 * loaded machine); the same code bundled once per test process starts in a fraction of that.
 * Built at most once per process, written beside and renamed so a parallel worker never reads half.
 */
export function serverBundle(): Promise<string> {
  built ??= (async () => {
    const partial = `${bundleFile}.${process.pid}.tmp`;
    await build({
      entryPoints: [`${repo}server/cli.ts`],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    await rename(partial, bundleFile);
    return bundleFile;
  })();
  return built;
}
