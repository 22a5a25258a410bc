import { z } from 'zod';
import { SimulatorHttpError } from '../errors.ts';
import type { TenantStore } from '../tenant-store.ts';
import { TOKEN_LIFETIME_SECONDS, type TokenIssuer } from './token-issuer.ts';

const tokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  audience: z.string().optional(),
});

const oauthError = (status: number, error: string, description: string, extra: Record<string, string> = {}): SimulatorHttpError =>
  new SimulatorHttpError(status, { error, error_description: description, ...extra });

function parseBody(contentType: string, raw: string): z.infer<typeof tokenRequestSchema> {
  let candidate: unknown;
  if (contentType.includes('application/json')) {
    try {
      candidate = JSON.parse(raw);
    } catch {
      throw oauthError(400, 'invalid_request', 'Invalid JSON body');
    }
  } else {
    candidate = Object.fromEntries(new URLSearchParams(raw));
  }
  const parsed = tokenRequestSchema.safeParse(candidate);
  if (!parsed.success) throw oauthError(400, 'invalid_request', 'Invalid request body');
  return parsed.data;
}

/** `POST /oauth/token` for the client-credentials grant, with the errors of docs/auth0-api.md#token-endpoint-errors. */
export function handleTokenRequest(
  request: { contentType: string; body: string },
  deps: { store: TenantStore; issuer: TokenIssuer },
): { access_token: string; expires_in: number; scope: string; token_type: 'Bearer' } {
  const body = parseBody(request.contentType, request.body);
  if (body.grant_type === undefined) throw oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
  if (body.grant_type !== 'client_credentials') {
    throw oauthError(403, 'unsupported_grant_type', `Unsupported grant type: ${body.grant_type}`);
  }
  const client = body.client_id === undefined ? undefined : deps.store.clientById(body.client_id);
  if (client === undefined || body.client_secret === undefined || body.client_secret !== client.client_secret) {
    throw oauthError(401, 'access_denied', 'Unauthorized');
  }
  if (!client.grant_types.includes('client_credentials')) {
    throw oauthError(403, 'unauthorized_client', "Grant type 'client_credentials' not allowed for the client.", {
      error_uri: 'https://auth0.com/docs/clients/client-grant-types',
    });
  }
  const audience = deps.issuer.audience;
  if (body.audience !== undefined && body.audience !== audience) {
    throw oauthError(403, 'access_denied', `Service not found: ${body.audience}`);
  }
  const grant = deps.store.grantFor(client.client_id);
  if (body.audience === undefined || grant === undefined || !grant.granted) {
    throw oauthError(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  return {
    access_token: deps.issuer.issue(client.client_id, grant.scopes),
    expires_in: TOKEN_LIFETIME_SECONDS,
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
  };
}
