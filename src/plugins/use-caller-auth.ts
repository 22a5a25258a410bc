import type { Plugin } from 'graphql-yoga';
import type { CallerAuthSettings } from '../config-types.ts';
import type { Caller } from '../resolvers/context.ts';
import { createApiKeySet } from './api-key-set.ts';
import { graphqlErrorResponse } from './graphql-error-response.ts';
import { createJwtVerifier } from './jwt-verifier.ts';

/** Why a request was refused; logged by the caller of the plugin, never sent to the client. */
export type RejectReason = 'missing-credentials' | 'unknown-api-key' | `jwt:${string}`;

export interface CallerAuthOptions extends CallerAuthSettings {
  /**
   * Paths served without credentials: probes carry no tenant data.
   * @default ['/health', '/ready']
   */
  readonly publicPaths?: readonly string[];
  readonly onReject?: (reason: RejectReason, request: Request) => void;
}

export class CallerAuthConfigError extends Error {
  override readonly name = 'CallerAuthConfigError';
  readonly code = 'NO_CALLER_AUTH';
}

const callers = new WeakMap<Request, Caller>();

/** Who made this request, as established by `useCallerAuth`. */
export function getCaller(request: Request): Caller | undefined {
  return callers.get(request);
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function presentedCredential(request: Request): string | undefined {
  const apiKey = request.headers.get('x-api-key');
  if (apiKey !== null && apiKey.length > 0) return apiKey;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

function unauthorized(message: string): Response {
  return graphqlErrorResponse(401, message, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
}

/**
 * Refuses every request without a valid API key or JWT with 401 and no data, before the body is read.
 * Yoga's GraphiQL page is answered before this plugin runs: it holds no data, and its queries need credentials.
 * Throws at construction when nothing would authenticate callers and anonymous access was not asked
 * for, so a misconfigured server fails at startup instead of serving a tenant's users to anyone.
 */
export function useCallerAuth(options: CallerAuthOptions): Plugin {
  const { publicPaths = ['/health', '/ready'], onReject = () => {} } = options;
  const keys = createApiKeySet(options.apiKeys);
  if (keys.size === 0 && options.jwt === undefined && !options.allowAnonymous) {
    throw new CallerAuthConfigError(
      'No caller authentication configured: set AUTH0_GRAPH_API_KEYS or AUTH0_GRAPH_JWT_ISSUER and AUTH0_GRAPH_JWT_AUDIENCE, ' +
        'or AUTH0_GRAPH_ALLOW_ANONYMOUS=true to expose the tenant without authentication.',
    );
  }
  const verifyJwt = options.jwt === undefined ? undefined : createJwtVerifier(options.jwt);

  async function authenticate(credential: string): Promise<Caller | RejectReason> {
    const key = keys.match(credential);
    if (key !== undefined) return { kind: 'api-key', keyIndex: key.index };
    if (verifyJwt === undefined || !JWT_SHAPE.test(credential)) return 'unknown-api-key';
    const jwt = await verifyJwt(credential);
    return jwt.ok ? { kind: 'jwt', subject: jwt.subject, scopes: jwt.scopes } : `jwt:${jwt.reason}`;
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (publicPaths.includes(url.pathname)) return;
      const credential = presentedCredential(request);
      if (credential === undefined) {
        if (options.allowAnonymous) {
          callers.set(request, { kind: 'anonymous' });
          return;
        }
        onReject('missing-credentials', request);
        endResponse(unauthorized('Authentication required: send Authorization: Bearer <API key or JWT>, or x-api-key.'));
        return;
      }
      const outcome = await authenticate(credential);
      if (typeof outcome === 'string') {
        onReject(outcome, request);
        endResponse(unauthorized('Invalid credentials.'));
        return;
      }
      callers.set(request, outcome);
    },
  };
}
