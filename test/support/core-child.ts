import { isMethodName } from '../../shared/contract';
import { startCore } from './core-harness';

// Runs in a child process: the real client core, driven over the IPC channel by CoreProcess.
const agent = startCore(process.env['CORE_DATA_DIR'], {}, (event, payload) => process.send?.({ event, payload }));

process.on('message', (raw) => {
  const { id, method, args } = raw as { id: number; method: string; args: unknown };
  if (!isMethodName(method)) return;
  void agent.invoke(method, args as never).then((result) => process.send?.({ id, result }));
});
