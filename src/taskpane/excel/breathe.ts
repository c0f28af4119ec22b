// Long client-side loops inside one Excel.run batch (thousands of range proxies, record entries,
// summary cells) give the pane's thread back now and then, so no task blocks input or paint for
// long (issue 9: no main-thread task > 200 ms). Awaiting inside a batch is safe: Office.js sends
// nothing to Excel until context.sync(), the queued operations simply wait
// (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model).

/** Gives the thread back: a macrotask by default; tests pass their own (fast, deterministic). */
export type YieldToHost = () => Promise<void>;

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A macrotask (input and paint can run). MessageChannel is not clamped to 4 ms like nested setTimeout. */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * `breathe()` for a loop: undefined while the current slice lasts (no await cost worth naming),
 * else a promise that resolves after the thread was given back; the next slice starts then.
 * Use it as `await breathe()` once per item.
 */
export function slices(budgetMs: number, yieldToHost: YieldToHost = macrotask, now: () => number = clock): () => Promise<void> | undefined {
  let start = now();
  return () => {
    if (now() - start < budgetMs) return undefined;
    return yieldToHost().then(() => {
      start = now();
    });
  };
}
