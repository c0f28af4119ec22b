// Appending a list of any length: `target.push(...items)` passes every item as an argument and
// overflows the stack past ~100,000 (a sheet of 200,000 indicator rows, a folder of many files).
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
