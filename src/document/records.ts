/**
 * Records keyed by names from the input (sections, options): without a prototype, so a
 * section or option called `__proto__`, `constructor` or `toString` is a key like any other.
 */
export function inputRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[key]` when the record has that key itself, not through its prototype. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
