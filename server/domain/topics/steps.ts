/**
 * Long computations written as generators that pause (`yield`) now and then: run at once where
 * nothing else waits (the evaluation, tests), or letting the event loop go at each pause on a server.
 */

/** Runs a stepped computation to its end at once. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs a stepped computation, letting the event loop go at each pause. */
export async function runStepsLettingGo<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
