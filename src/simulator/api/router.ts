import type { RouteSpec } from './context.ts';

export interface RouteMatch {
  readonly spec: RouteSpec;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Matches a method and a path under `/api/v2` (still percent-encoded) against route templates in order, so fixed
 * segments listed first win (`/organizations/name/{name}` before `/organizations/{id}/…`). Path ids are
 * percent-decoded (`auth0%7C…` → `auth0|…`); undecodable segments match nothing. Segments are compared as
 * they come: Auth0 routes a trailing slash (`/roles/`) or an empty segment (`/roles//users`) to its 404, so
 * an empty segment never stands for a parameter or is skipped.
 */
export function matchRoute(routes: readonly RouteSpec[], encodedPath: string, method: string): RouteMatch | undefined {
  const segments = encodedPath.split('/');
  for (const spec of routes) {
    if ((spec.method ?? 'GET') !== method) continue;
    const parts = spec.template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const segment = segments[i] as string;
      if (!part.startsWith('{')) return part === segment;
      if (segment === '') return false;
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
