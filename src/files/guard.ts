// exceljs runs parts of its load and write in stream callbacks: an error thrown there (a part that
// cannot be parsed, a value it cannot serialise) is not a rejection of the promise we await but an
// uncaught exception — Node's stack on stderr and exit 1, which a batch script reads as "checked,
// errors found". While a guarded call runs, such an exception rejects that call instead.

let active: ((err: unknown) => void)[] = [];

function onUncaught(err: unknown): void {
  const handlers = active;
  active = [];
  process.removeListener('uncaughtException', onUncaught);
  if (handlers.length === 0) throw err; // not ours: keep Node's behaviour
  for (const h of handlers) h(err);
}

/** Runs fn; an uncaught exception while it is pending rejects it (and every other guarded call). */
export function guarded<T>(fn: () => Promise<T>): Promise<T> {
  // In the browser page (a worker) there is no process: an exception there reaches the worker's
  // error event and the page's message for the file, never a dead page.
  if (typeof process === 'undefined' || typeof process.on !== 'function') return fn();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      active = active.filter((h) => h !== fail);
      if (active.length === 0) process.removeListener('uncaughtException', onUncaught);
      f();
    };
    const fail = (err: unknown) => done(() => reject(err));
    if (active.length === 0) process.on('uncaughtException', onUncaught);
    active.push(fail);
    let p: Promise<T>;
    try {
      p = fn();
    } catch (err) {
      fail(err);
      return;
    }
    p.then(
      (v) => done(() => resolve(v)),
      (err) => fail(err),
    );
  });
}
