import type { GrantedScopes } from './granted-scopes.ts';
import type { ScopeNeed } from './probes.ts';

/** How a group's call went: let through, refused for scope (with the scopes Auth0 named), or failed otherwise. */
export type ProbeResult =
  | { readonly kind: 'passed' }
  | { readonly kind: 'refused'; readonly named: readonly string[] }
  | { readonly kind: 'failed'; readonly problem: string; readonly tokenRejected?: boolean };

/**
 * `usable` only when the granted scopes cover the need and the call passed; `unconfirmed` when the call
 * passed but the scopes are unknown. `missing` is what to grant; `reason` says why, naming the scopes.
 */
export interface Verdict {
  readonly state: 'usable' | 'unusable' | 'unconfirmed';
  readonly missing: readonly string[];
  readonly reason: string;
}

/** The scopes still to grant for the set that lacks the fewest (the first, on a tie); empty when one is whole. */
export function missingScopes(need: ScopeNeed, granted: ReadonlySet<string>): readonly string[] {
  let best: readonly string[] | undefined;
  for (const set of need) {
    const lacking = set.filter((scope) => !granted.has(scope));
    if (best === undefined || lacking.length < best.length) best = lacking;
  }
  return best ?? [];
}

export function formatNeed(need: ScopeNeed): string {
  return need.map((set) => set.join(' ')).join(' | ');
}

const SOURCE_NAME = { token: "the token's scope claim", 'client-grant': 'the client grant' } as const;

/**
 * Scopes and call outcome → verdict. The call alone is not believed: a 404 on a made-up id, or a server that
 * looks ids up before checking scopes, can let a call through that real work would be refused.
 */
export function judge(need: ScopeNeed, granted: GrantedScopes, probe: ProbeResult): Verdict {
  const unusable = (missing: readonly string[], reason: string): Verdict => ({ state: 'unusable', missing, reason });
  const named = (scopes: readonly string[]): string => (scopes.length > 0 ? scopes.join(' ') : 'a scope it did not name');

  if (!granted.known) {
    if (probe.kind === 'passed') return { state: 'unconfirmed', missing: [], reason: "the call worked, but the token's scopes are unknown" };
    if (probe.kind === 'refused') return unusable(probe.named, `missing ${named(probe.named)} (as Auth0 says; the token's scopes are unknown)`);
    return unusable([], `the call failed: ${probe.problem}`);
  }

  const source = SOURCE_NAME[granted.source];
  const lacking = missingScopes(need, granted.scopes);
  if (lacking.length > 0) {
    const missing = `missing ${lacking.join(' ')}`;
    if (probe.kind === 'refused') return unusable(lacking, missing);
    if (probe.kind === 'passed') return unusable(lacking, `${missing}: not in ${source}, though Auth0 let the call through`);
    return unusable(lacking, `${missing}; the call also failed: ${probe.problem}`);
  }
  if (probe.kind === 'passed') return { state: 'usable', missing: [], reason: 'ok' };
  if (probe.kind === 'refused') {
    const held = need.find((set) => set.every((scope) => granted.scopes.has(scope))) ?? [];
    return unusable(probe.named, `Auth0 refused the call as missing ${named(probe.named)}, though ${source} grants ${held.join(' ')}`);
  }
  return unusable([], `the call failed: ${probe.problem}`);
}

/** The STATUS cell: `ok`, or the state and its reason. */
export function statusOf(verdict: Verdict): string {
  if (verdict.state === 'usable') return 'ok';
  return `${verdict.state === 'unusable' ? 'NOT USABLE' : 'UNCONFIRMED'}: ${verdict.reason}`;
}
