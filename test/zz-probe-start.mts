import { startServer } from '../server/app';
import { mkdtemp, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const session = new Session(); session.connect();
for (let i = 0; i < 4; i++) {
  const dir = await mkdtemp(join(tmpdir(), 'probe-'));
  await cp('/tmp/sb-pglite-templates/a11afe0656c5640d/seeded', dir, { recursive: true });
  if (i === 2) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  const t = performance.now();
  const server = await startServer({ port: 0, seed: 'if-empty', dataDir: dir });
  const tStart = performance.now() - t;
  if (i === 2) { const { profile } = await session.post('Profiler.stop'); writeFileSync('/tmp/start.cpuprofile', JSON.stringify(profile)); }
  const t2 = performance.now();
  await server.close();
  console.log({ i, tStart, tClose: performance.now() - t2 });
}
process.exit(0);
