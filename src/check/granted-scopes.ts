import { decodeJwt } from 'jose';
import { z } from 'zod';
import { isAuth0Error } from '../auth0/errors.ts';
import type { Auth0Client } from '../auth0/types.ts';

/** What the token is granted, and who said so; or why that could not be learned. */
export type GrantedScopes =
  | { readonly known: true; readonly scopes: ReadonlySet<string>; readonly source: 'token' | 'client-grant'; readonly clientId?: string }
  | { readonly known: false; readonly reason: string; readonly clientId?: string };

// Each claim on its own: a malformed `scope` should not hide the client the token names.
const claim = z.string().optional().catch(undefined);
const claimsSchema = z.object({ scope: claim, azp: claim, sub: claim });

const grantSchema = z.object({ client_id: z.string(), audience: z.string(), scope: z.array(z.string()) });
// A bare array without include_totals, an envelope with it: accept either.
const grantsSchema = z.union([z.array(grantSchema), z.object({ client_grants: z.array(grantSchema) }).transform((e) => e.client_grants)]);

/** The `scope` claim and the client a token names, when it is a JWT; nothing for an opaque token. */
export function readTokenClaims(token: string): { readonly scopes?: ReadonlySet<string>; readonly clientId?: string } {
  let payload: unknown;
  try {
    payload = decodeJwt(token);
  } catch {
    return {};
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return {};
  const { scope, azp, sub } = claims.data;
  const clientId = azp ?? (sub?.endsWith('@clients') === true ? sub.slice(0, -'@clients'.length) : undefined);
  return {
    ...(scope === undefined ? {} : { scopes: new Set(scope.split(' ').filter((s) => s !== '')) }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}

/**
 * The token's own `scope` claim when it has one. Otherwise the Management API client grant of the client
 * the token names, if this token may read client grants; otherwise unknown, with the reason.
 */
export async function resolveGrantedScopes(
  token: string,
  lookup: { readonly client: Auth0Client; readonly audience: string; readonly signal: AbortSignal },
): Promise<GrantedScopes> {
  const { scopes, clientId } = readTokenClaims(token);
  if (scopes !== undefined) return { known: true, scopes, source: 'token', ...(clientId === undefined ? {} : { clientId }) };
  if (clientId === undefined) return { known: false, reason: 'the token is not a JWT that states its scopes or its client' };
  const unknown = (reason: string): GrantedScopes => ({ known: false, reason, clientId });
  let body: unknown;
  try {
    body = await lookup.client.get({ path: '/client-grants', query: { client_id: clientId, audience: lookup.audience }, signal: lookup.signal });
  } catch (error) {
    if (isAuth0Error(error, 'AUTH0_FORBIDDEN')) return unknown('the token has no scope claim, and reading its client grant needs read:client_grants');
    return unknown(`the token has no scope claim, and its client grant could not be read (${isAuth0Error(error) ? error.code : 'unexpected failure'})`);
  }
  const grants = grantsSchema.safeParse(body);
  if (!grants.success) return unknown('the token has no scope claim, and the client grants came back in an unexpected shape');
  const grant = grants.data.find((g) => g.client_id === clientId && g.audience === lookup.audience);
  if (grant === undefined) return unknown(`the token has no scope claim, and client ${clientId} has no grant for ${lookup.audience}`);
  return { known: true, scopes: new Set(grant.scope), source: 'client-grant', clientId };
}
