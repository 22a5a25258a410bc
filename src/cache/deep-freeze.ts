/**
 * Freezes a parsed JSON tree in place, so a cached body shared by many requests cannot be changed
 * by one of them. Done once at insert; JSON has no cycles, so plain recursion is enough. Only objects are
 * visited and no array of values is made per node: a 100-member page is frozen on every cold request.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) freezeTree(value);
  return value;
}

function freezeTree(node: object): void {
  Object.freeze(node);
  if (Array.isArray(node)) {
    for (const child of node as unknown[]) if (typeof child === 'object' && child !== null) freezeTree(child);
    return;
  }
  for (const key in node) {
    const child: unknown = (node as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) freezeTree(child);
  }
}
