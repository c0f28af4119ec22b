// Looking up words people typed in the engine's tables: only the table's own entries answer, so a
// cell reading "constructor" or "toString" is an unknown word, never Object.prototype's function.
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
