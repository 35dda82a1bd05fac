import { useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';

export interface Attempt {
  /** True while an attempt runs. */
  busy: boolean;
  /** Why the last attempt failed, until the next one starts. */
  error: AppErrorShape | null;
  /** Runs the task, marking it busy meanwhile and keeping its error; never rejects. */
  run(task: () => Promise<void>): Promise<void>;
}

/** One action at a time on a control (save, add, reveal), with its busy state and its last error. */
export function useAttempt(): Attempt {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function run(task: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, run };
}
