import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export interface VerifiedJwt {
  readonly subject: string | undefined;
  readonly scopes: readonly string[];
}

/** `reason` is jose's error code (e.g. `ERR_JWT_EXPIRED`), fit for logs. */
export type JwtOutcome = ({ readonly ok: true } & VerifiedJwt) | { readonly ok: false; readonly reason: string };

export type JwtVerifier = (token: string) => Promise<JwtOutcome>;

// Caller tokens are short-lived; a little leeway absorbs clock skew between us and the issuer.
const CLOCK_TOLERANCE_SECONDS = 30;

function scopesOf(payload: JWTPayload): string[] {
  const { scope } = payload;
  return typeof scope === 'string' ? scope.split(' ').filter((s) => s.length > 0) : [];
}

/**
 * Verifies caller JWTs against the issuer's JWKS (fetched lazily, cached and refreshed by jose when an
 * unknown `kid` shows up). Any failure — bad signature, expiry, wrong issuer or audience, JWKS
 * unreachable — is "not authenticated"; the reason is for logs, never for the response.
 */
export function createJwtVerifier(settings: JwtSettings): JwtVerifier {
  const jwks = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return { ok: true, subject: payload.sub, scopes: scopesOf(payload) };
    } catch (error) {
      return { ok: false, reason: error instanceof Error && 'code' in error ? String(error.code) : 'ERR_JWT_INVALID' };
    }
  };
}
