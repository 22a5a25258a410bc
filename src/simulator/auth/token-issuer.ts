import { SimulatorHttpError } from '../errors.ts';
import { signAccessToken, verifyAccessToken, type SigningKey } from './jwt.ts';

export const TOKEN_LIFETIME_SECONDS = 86_400;

export interface Caller {
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
}

/** Signs Management API tokens and checks the ones presented as `Authorization: Bearer …`. */
export interface TokenIssuer {
  readonly audience: string;
  /**
   * `scopeClaim: false` leaves the scopes out of the token while still granting them, for a token whose
   * scopes its holder cannot read (an opaque or encrypted token in front of the API).
   */
  issue(clientId: string, scopes: readonly string[], options?: { expiresInSeconds?: number; scopeClaim?: boolean }): string;
  /** The application and granted scopes of a valid bearer header; throws the exact 400/401 Auth0 sends otherwise. */
  authenticate(authorization: string | undefined): Caller;
  expireIssuedBefore(ms: number): void;
  revokeAll(): void;
}

export function invalidToken(): SimulatorHttpError {
  // The `attributes` echo is what Auth0's hapi stack adds (docs/auth0-api.md#authentication-and-scope-errors).
  return new SimulatorHttpError(
    401,
    { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', attributes: { error: 'Invalid token' } },
    { 'www-authenticate': 'Bearer error="invalid_token", error_description="Invalid token"' },
  );
}

export function createTokenIssuer(options: { key: SigningKey; domain: string; now: () => number }): TokenIssuer {
  const { key, domain, now } = options;
  const issuer = `https://${domain}/`;
  const audience = `https://${domain}/api/v2/`;
  // Issue order, so "revoke everything issued so far" is exact even within one millisecond.
  const issued = new Map<string, { atMs: number; sequence: number; unclaimedScopes?: readonly string[] }>();
  let sequence = 0;
  let revokedThrough = 0;
  let expiredBeforeMs = Number.NEGATIVE_INFINITY;

  return {
    audience,
    issue(clientId, scopes, { expiresInSeconds = TOKEN_LIFETIME_SECONDS, scopeClaim = true } = {}) {
      const atMs = now();
      const iat = Math.floor(atMs / 1000);
      const token = signAccessToken(key, {
        iss: issuer,
        sub: `${clientId}@clients`,
        aud: audience,
        iat,
        exp: iat + expiresInSeconds,
        ...(scopeClaim ? { scope: scopes.join(' ') } : {}),
        gty: 'client-credentials',
        azp: clientId,
      });
      sequence += 1;
      issued.set(token, { atMs, sequence, ...(scopeClaim ? {} : { unclaimedScopes: [...scopes] }) });
      return token;
    },

    authenticate(authorization) {
      if (authorization === undefined || authorization.trim() === '') throw invalidToken();
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (match?.[1] === undefined) {
        throw new SimulatorHttpError(400, { statusCode: 400, error: 'Bad Request', message: 'Bad HTTP authentication header format' });
      }
      const token = match[1];
      const claims = verifyAccessToken(key, token);
      if (claims === undefined || claims.iss !== issuer) throw invalidToken();
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(audience)) throw invalidToken();
      if (claims.exp * 1000 <= now()) throw invalidToken();
      const record = issued.get(token);
      const issuedAtMs = record?.atMs ?? claims.iat * 1000;
      if (issuedAtMs < expiredBeforeMs || (record !== undefined && record.sequence <= revokedThrough)) throw invalidToken();
      return {
        clientId: claims.azp ?? claims.sub.replace(/@clients$/, ''),
        scopes: new Set(record?.unclaimedScopes ?? claims.scope.split(' ').filter((s) => s !== '')),
      };
    },

    expireIssuedBefore(ms) {
      expiredBeforeMs = ms;
    },
    revokeAll() {
      revokedThrough = sequence;
    },
  };
}
