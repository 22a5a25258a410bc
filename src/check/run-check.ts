import type { GraphQLSchema } from 'graphql';
import { createAuth0Client } from '../auth0/index.ts';
import { describeBudget } from '../auth0/rate-limit/describe-budget.ts';
import { systemClock } from '../auth0/clock.ts';
import { isAuth0Error } from '../auth0/errors.ts';
import { createTokenProvider } from '../auth0/token-provider.ts';
import { createTransport } from '../auth0/transport.ts';
import type { Auth0Client } from '../auth0/types.ts';
import type { Auth0Settings, Config } from '../config-types.ts';
import { detectPlan } from './detect-plan.ts';
import { feedLine } from './feed-line.ts';
import { formatTable } from './format-table.ts';
import { resolveGrantedScopes } from './granted-scopes.ts';
import type { GrantedScopes } from './granted-scopes.ts';
import { PROBES } from './probes.ts';
import type { Probe } from './probes.ts';
import { queryCoordinates } from './query-coordinates.ts';
import { createLimitRecordingAgent } from './rate-limit-recorder.ts';
import { describeScopes, fixLines } from './report.ts';
import { runProbe } from './run-probe.ts';
import { formatNeed, judge, statusOf } from './verdict.ts';
import type { Verdict } from './verdict.ts';

export interface CheckOptions {
  /** `--query <file>`: check only what this document needs, resolved against the schema. */
  readonly query?: { readonly source: string; readonly schema: GraphQLSchema };
  /** Per-call time limit. @default 30_000 */
  readonly timeoutMs?: number;
}

/**
 * Exit codes: everything needed is usable / something needed is not / no token, or the API rejects it /
 * every call worked but the token's scopes could not be learned, so nothing is confirmed.
 */
export const CHECK_OK = 0;
export const CHECK_UNUSABLE = 1;
export const CHECK_NO_TOKEN = 2;
export const CHECK_UNCONFIRMED = 3;

// Key material a reporting app should not hold (docs/auth0-api.md#secrets-we-never-expose): worth a warning, not a failure.
const SECRET_SCOPES = ['read:client_keys', 'read:client_credentials', 'read:user_idp_tokens'];

async function obtainToken(settings: Auth0Settings, timeoutMs: number): Promise<string> {
  const transport = createTransport({ baseUrl: settings.baseUrl });
  try {
    return await createTokenProvider(settings, { send: transport.send, clock: systemClock }).getToken(AbortSignal.timeout(timeoutMs));
  } finally {
    await transport.close();
  }
}

interface JudgedGroup {
  readonly probe: Probe;
  readonly verdict: Verdict;
}

/** Each group's call, judged against the granted scopes; undefined as soon as the API rejects the token itself. */
async function judgeGroups(client: Auth0Client, probes: readonly Probe[], granted: GrantedScopes, timeoutMs: number): Promise<readonly JudgedGroup[] | undefined> {
  const judged: JudgedGroup[] = [];
  for (const probe of probes) {
    const result = await runProbe(client, probe, timeoutMs);
    if (result.kind === 'failed' && result.tokenRejected === true) return undefined;
    judged.push({ probe, verdict: judge(probe.needs, granted, result) });
  }
  return judged;
}

/** Anything unusable outweighs anything unconfirmed. */
function resultOf(verdicts: readonly Verdict[]): { readonly line: string; readonly code: number } {
  const count = (state: Verdict['state']): number => verdicts.filter((v) => v.state === state).length;
  const unusable = count('unusable');
  const unconfirmed = count('unconfirmed');
  if (unusable > 0) return { line: `Result      ${unusable} group(s) not usable`, code: CHECK_UNUSABLE };
  if (unconfirmed > 0) {
    return { line: `Result      ${unconfirmed} group(s) unconfirmed: their calls worked, but the token's scopes are unknown`, code: CHECK_UNCONFIRMED };
  }
  return { line: 'Result      everything checked is usable', code: CHECK_OK };
}

function groupOfPath(path: string): string {
  // Whole paths: `/users` must not claim `/roles/{id}/users`.
  return PROBES.find((p) => path.endsWith(`/api/v2${p.path}`))?.group ?? path;
}

function selectedProbes(options: CheckOptions): readonly Probe[] {
  if (options.query === undefined) return PROBES;
  const used = queryCoordinates(options.query.source, options.query.schema);
  return PROBES.filter((p) => p.fields.some((field) => used.has(field)));
}

/**
 * `auth0-graph check`: gets a token with the configured credentials, learns what it was granted, makes
 * the cheapest call behind each part of the graph, and prints which parts work (granted and the call
 * passed; any disagreement between the two is spelled out) and the exact scopes to grant for those that
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
  out(`Token       ok for ${who}`);

  const recorder = createLimitRecordingAgent();
  const client = createAuth0Client({ ...auth0, credentials: { kind: 'token', token } }, { dispatcher: recorder.dispatcher, maxAttempts: 3 });
  let granted: GrantedScopes;
  let judged: readonly JudgedGroup[] | undefined;
  let feed: string | undefined;
  try {
    granted = await resolveGrantedScopes(token, { client, audience: auth0.audience, signal: AbortSignal.timeout(timeoutMs) });
    out(`Scopes      ${describeScopes(granted)}`);
    judged = await judgeGroups(client, selectedProbes(options), granted, timeoutMs);
    if (judged !== undefined) feed = await feedLine(client, granted, timeoutMs);
  } finally {
    await client.close();
    await recorder.dispatcher.close();
  }
  if (judged === undefined) {
    out(`Token       REJECTED by the Management API (401) for ${who}: it is invalid, expired or meant for another audience`);
    return CHECK_NO_TOKEN;
  }
  out('');
  const rows = judged.map(({ probe, verdict }) => [probe.group, probe.fields.join(', '), formatNeed(probe.needs), statusOf(verdict)]);
  formatTable([['GROUP', 'FIELDS', 'NEEDS', 'STATUS'], ...rows]).forEach((line) => out(line));
  out('');

  const limits = [...recorder.limits.entries()];
  const plan = detectPlan(limits.map(([, limit]) => limit));
  out(
    plan === undefined
      ? 'Rate limit  no x-ratelimit-limit headers seen; keep AUTH0_PLAN as configured'
      : `Rate limit  bucket sizes ${limits.map(([path, limit]) => `${groupOfPath(path)} ${limit}`).join(', ')}: looks like AUTH0_PLAN=${plan}`,
  );
  // What the budget learned from these few calls (with AUTH0_PLAN=auto), or the configured ceiling it kept to.
  out(`Rate budget ${describeBudget(client.limiter.snapshot())} (AUTH0_PLAN=${auth0.plan})`);
  const risky = granted.known ? SECRET_SCOPES.filter((s) => granted.scopes.has(s)) : [];
  if (feed !== undefined) out(feed);
  if (risky.length > 0) out(`Warning     this app can read key material or IdP tokens; revoke ${risky.join(' ')}`);
  const verdicts = judged.map((j) => j.verdict);
  fixLines(verdicts, auth0.credentials.kind === 'token' ? { staticToken: true, clientId: granted.clientId } : { staticToken: false, clientId: auth0.credentials.clientId }).forEach((line) => out(line));
  const { line, code } = resultOf(verdicts);
  out(line);
  return code;
}
