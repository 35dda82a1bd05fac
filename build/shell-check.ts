/**
 * `npm run check:shell`: Electronegativity over the Electron shell (main/, preload/ and the
 * renderer page, as TypeScript sources, with package.json for the Electron version). Prints every
 * finding and exits 1 when any HIGH one remains or a file could not be parsed (an unparsed file is
 * an unchecked file). `--sarif <file>` also writes the findings as SARIF for code scanning.
 * Needs no network: the one check that downloads Electron's release list is left out (below).
 */
import run, { type ElectronegativityIssue } from '@doyensec/electronegativity';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** What ships in the app and runs with Electron's privileges or defines the page's policy. */
const shellParts = ['main', 'preload', 'renderer/index.html', 'renderer/src', 'package.json'];

/**
 * Checks left out, each with its reason. Nothing is left out to silence a finding.
 * - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from GitHub with no
 *   time limit, so CI would hang or fail offline; the Electron version is kept current by the
 *   dependency updates instead, and ELECTRON_VERSION_JSON_CHECK still reports it.
 */
export const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

export interface ShellFinding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
  description: string;
}

export interface ShellCheckResult {
  findings: ShellFinding[];
  high: ShellFinding[];
  /** Files the scanner could not parse, hence did not check. */
  unparsed: { file: string; message: string }[];
}

/** Copies the shell's files (never their tests) into a folder of their own for the scanner. */
function stageShell(root: string): string {
  const stage = mkdtempSync(join(tmpdir(), 'sb-shell-check-'));
  for (const part of shellParts) {
    cpSync(join(root, part), join(stage, part), {
      recursive: true,
      filter: (source) => !/\.test\.tsx?$/.test(source) && !source.includes('node_modules'),
    });
  }
  return stage;
}

function toFinding(issue: ElectronegativityIssue): ShellFinding {
  return {
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location.line,
    sample: (issue.sample ?? '').split('\n')[0]?.slice(0, 120) ?? '',
    description: issue.description,
  };
}

/** Runs Electronegativity over the shell under `root` (the repository by default). */
export async function checkShell(options: { root?: string; sarif?: string } = {}): Promise<ShellCheckResult> {
  const stage = stageShell(resolve(options.root ?? repo));
  try {
    const result = await run({
      input: stage,
      isRelative: true,
      excludeFromScan: excludedChecks,
      ...(options.sarif ? { output: resolve(options.sarif), isSarif: true } : {}),
    });
    const findings = result.issues.map(toFinding);
    return {
      findings,
      high: findings.filter((finding) => finding.severity === 'HIGH'),
      unparsed: result.errors.filter((error) => !error.tolerable).map(({ file, message }) => ({ file, message })),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** One line per finding, HIGH ones first. */
export function describeFindings(findings: ShellFinding[]): string {
  const rank = (severity: string) => ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].indexOf(severity);
  return [...findings]
    .sort((a, b) => rank(a.severity) - rank(b.severity))
    .map((f) => `${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line} ${f.description}${f.sample ? ` — ${f.sample}` : ''}`)
    .join('\n');
}

async function main(args: string[]): Promise<number> {
  const sarifAt = args.indexOf('--sarif');
  const sarif = sarifAt >= 0 ? args[sarifAt + 1] : undefined;
  const { findings, high, unparsed } = await checkShell({ ...(sarif ? { sarif } : {}) });
  if (findings.length) console.log(describeFindings(findings));
  for (const { file, message } of unparsed) console.error(`Could not parse ${file}: ${message}`);
  console.log(`Shell check: ${findings.length} findings, ${high.length} high, ${unparsed.length} files not parsed.`);
  return high.length === 0 && unparsed.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error('The shell check could not run:', error);
      process.exitCode = 1;
    },
  );
}
