import { generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** The signing key of this simulator instance; generated at start so no key material is committed. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  scope?: string;
  gty: 'client-credentials';
  azp: string;
}

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number(),
  exp: z.number(),
  scope: z.string().default(''),
  azp: z.string().optional(),
});
const headerSchema = z.object({ alg: z.literal('RS256'), kid: z.string().optional() });

export type VerifiedClaims = z.infer<typeof claimsSchema>;

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(12).toString('base64url'), privateKey, publicKey };
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signAccessToken(key: SigningKey, claims: AccessTokenClaims): string {
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The claims of a token this key signed, or undefined for anything malformed or forged. */
export function verifyAccessToken(key: SigningKey, token: string): VerifiedClaims | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) return undefined;
  if (!headerSchema.safeParse(decodeJson(header)).success) return undefined;
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), key.publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return undefined;
  const claims = claimsSchema.safeParse(decodeJson(payload));
  return claims.success ? claims.data : undefined;
}

export function jwksOf(key: SigningKey): { keys: Record<string, unknown>[] } {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: key.kid, alg: 'RS256', use: 'sig' }] };
}
