import { isAuth0Error } from '../auth0/errors.ts';
import type { Auth0Client } from '../auth0/types.ts';
import type { Probe } from './probes.ts';
import type { ProbeResult } from './verdict.ts';

/**
 * Makes a group's call and says how it went. A 404 counts as passed: the ids are made up, and Auth0 checks
 * scopes before it looks ids up.
 */
export async function runProbe(client: Auth0Client, { path, query }: Probe, timeoutMs: number): Promise<ProbeResult> {
  try {
    await client.get({ path, query, signal: AbortSignal.timeout(timeoutMs) });
    return { kind: 'passed' };
  } catch (error) {
    if (isAuth0Error(error, 'AUTH0_NOT_FOUND')) return { kind: 'passed' };
    if (isAuth0Error(error, 'AUTH0_FORBIDDEN')) return { kind: 'refused', named: error.missingScope?.split(' ') ?? [] };
    if (!isAuth0Error(error)) return { kind: 'failed', problem: 'unexpected failure' };
    return { kind: 'failed', problem: `${error.code}: ${error.message}`, tokenRejected: error.code === 'AUTH0_UNAUTHENTICATED' };
  }
}
