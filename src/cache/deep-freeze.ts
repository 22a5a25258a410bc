/**
 * Freezes a parsed JSON tree in place, so a cached body shared by many requests cannot be changed
 * by one of them. Done once at insert; JSON has no cycles, so plain recursion is enough.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
