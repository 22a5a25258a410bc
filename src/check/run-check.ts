import { decodeJwt } from 'jose';
import type { GraphQLSchema } from 'graphql';
import { createAuth0Client } from '../auth0/index.ts';
import { systemClock } from '../auth0/clock.ts';
import { isAuth0Error } from '../auth0/errors.ts';
import { createTokenProvider } from '../auth0/token-provider.ts';
import { createTransport } from '../auth0/transport.ts';
import type { Auth0Client } from '../auth0/types.ts';
import type { Auth0Settings, Config } from '../config-types.ts';
import { detectPlan } from './detect-plan.ts';
import { formatTable } from './format-table.ts';
import { PROBES } from './probes.ts';
import type { Probe } from './probes.ts';
import { queryCoordinates } from './query-coordinates.ts';
import { createLimitRecordingAgent } from './rate-limit-recorder.ts';

export interface CheckOptions {
  /** `--query <file>`: check only what this document needs, resolved against the schema. */
  readonly query?: { readonly source: string; readonly schema: GraphQLSchema };
  /** Per-call time limit. @default 30_000 */
  readonly timeoutMs?: number;
}

/** Exit codes: everything needed is usable / something needed is not / no token at all. */
export const CHECK_OK = 0;
export const CHECK_UNUSABLE = 1;
export const CHECK_NO_TOKEN = 2;

// Key material a reporting app should not hold (docs/auth0-api.md#secrets-we-never-expose): worth a warning, not a failure.
const SECRET_SCOPES = ['read:client_keys', 'read:client_credentials', 'read:user_idp_tokens'];

type Outcome = { readonly usable: true } | { readonly usable: false; readonly missing: readonly string[]; readonly problem: string };

async function obtainToken(settings: Auth0Settings, timeoutMs: number): Promise<string> {
  const transport = createTransport({ baseUrl: settings.baseUrl });
  try {
    return await createTokenProvider(settings, { send: transport.send, clock: systemClock }).getToken(AbortSignal.timeout(timeoutMs));
  } finally {
    await transport.close();
  }
}

/** The token's scopes, when it is a JWT that says; an opaque token leaves only the probes to tell. */
function grantedScopes(token: string): Set<string> | undefined {
  try {
    const { scope } = decodeJwt(token);
    return typeof scope === 'string' ? new Set(scope.split(' ').filter((s) => s.length > 0)) : undefined;
  } catch {
    return undefined;
  }
}

async function probe(client: Auth0Client, { path, query, scopes }: Probe, granted: Set<string> | undefined, timeoutMs: number): Promise<Outcome> {
  try {
    await client.get({ path, query, signal: AbortSignal.timeout(timeoutMs) });
    return { usable: true };
  } catch (error) {
    // A well-formed id that does not exist: Auth0 checked the scopes and let us through.
    if (isAuth0Error(error, 'AUTH0_NOT_FOUND')) return { usable: true };
    if (isAuth0Error(error, 'AUTH0_FORBIDDEN')) {
      const fromToken = granted === undefined ? [] : scopes.filter((s) => !granted.has(s));
      const missing = fromToken.length > 0 ? fromToken : (error.missingScope?.split(' ') ?? []);
      return { usable: false, missing, problem: `missing ${missing.join(' ') || 'a scope'}` };
    }
    return { usable: false, missing: [], problem: isAuth0Error(error) ? `${error.code}: ${error.message}` : 'unexpected failure' };
  }
}

function groupOfPath(path: string): string {
  return PROBES.find((p) => path.endsWith(p.path))?.group ?? path;
}

function selectedProbes(options: CheckOptions): readonly Probe[] {
  if (options.query === undefined) return PROBES;
  const used = queryCoordinates(options.query.source, options.query.schema);
  return PROBES.filter((p) => p.fields.some((field) => used.has(field)));
}

/**
 * `auth0-graph check`: gets a token with the configured credentials, makes the cheapest call behind
 * each part of the graph, and prints which parts work and the exact scopes to grant for those that
 * don't. Never prints the token or the secret.
 */
export async function runCheck(config: Pick<Config, 'auth0'>, out: (line: string) => void, options: CheckOptions = {}): Promise<number> {
  const { auth0 } = config;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const who = auth0.credentials.kind === 'client-credentials' ? `client ${auth0.credentials.clientId}` : 'the static AUTH0_TOKEN';
  out(`Tenant      ${auth0.domain}`);

  let token: string;
  try {
    token = await obtainToken(auth0, timeoutMs);
  } catch (error) {
    out(`Token       FAILED for ${who}: ${isAuth0Error(error) ? error.message : 'unexpected failure'}`);
    return CHECK_NO_TOKEN;
  }
  const granted = grantedScopes(token);
  out(`Token       ok for ${who}`);
  out(`Scopes      ${granted === undefined ? '(not readable from the token; judged by the calls below)' : [...granted].sort().join(' ') || '(none)'}`);

  const recorder = createLimitRecordingAgent();
  const client = createAuth0Client({ ...auth0, credentials: { kind: 'token', token } }, { dispatcher: recorder.dispatcher, maxAttempts: 3 });
  const rows: string[][] = [['GROUP', 'FIELDS', 'NEEDS', 'STATUS']];
  const missing = new Set<string>();
  let unusable = 0;
  try {
    for (const p of selectedProbes(options)) {
      const outcome = await probe(client, p, granted, timeoutMs);
      if (!outcome.usable) {
        unusable += 1;
        outcome.missing.forEach((s) => missing.add(s));
      }
      rows.push([p.group, p.fields.join(', '), p.scopes.join(' '), outcome.usable ? 'ok' : `NOT USABLE: ${outcome.problem}`]);
    }
  } finally {
    await client.close();
    await recorder.dispatcher.close();
  }
  out('');
  formatTable(rows).forEach((line) => out(line));
  out('');

  const limits = [...recorder.limits.entries()];
  const plan = detectPlan(limits.map(([, limit]) => limit));
  out(
    plan === undefined
      ? 'Rate limit  no x-ratelimit-limit headers seen; keep AUTH0_PLAN as configured'
      : `Rate limit  bucket sizes ${limits.map(([path, limit]) => `${groupOfPath(path)} ${limit}`).join(', ')}: looks like AUTH0_PLAN=${plan}`,
  );
  const risky = granted === undefined ? [] : SECRET_SCOPES.filter((s) => granted.has(s));
  if (risky.length > 0) out(`Warning     this app can read key material or IdP tokens; revoke ${risky.join(' ')}`);
  if (missing.size > 0) {
    out(`Fix         grant ${[...missing].join(' ')} to ${who} on the Auth0 Management API`);
    out('            (Dashboard → Applications → APIs → Auth0 Management API → Machine To Machine Applications)');
  }
  out(unusable === 0 ? 'Result      everything checked is usable' : `Result      ${unusable} group(s) not usable`);
  return unusable === 0 ? CHECK_OK : CHECK_UNUSABLE;
}
