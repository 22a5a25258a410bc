import type { RouteSpec } from './context.ts';

export interface RouteMatch {
  readonly spec: RouteSpec;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Matches a path under `/api/v2` (still percent-encoded) against route templates in order, so fixed
 * segments listed first win (`/organizations/name/{name}` before `/organizations/{id}/…`). Path ids are
 * percent-decoded (`auth0%7C…` → `auth0|…`); undecodable segments match nothing.
 */
export function matchRoute(routes: readonly RouteSpec[], encodedPath: string): RouteMatch | undefined {
  const segments = encodedPath.split('/').filter((s) => s !== '');
  for (const spec of routes) {
    const parts = spec.template.split('/').filter((s) => s !== '');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const segment = segments[i] as string;
      if (!part.startsWith('{')) return part === segment;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) return { spec, params };
  }
  return undefined;
}

export function decodePath(encodedPath: string): string {
  try {
    return decodeURIComponent(encodedPath);
  } catch {
    return encodedPath;
  }
}
