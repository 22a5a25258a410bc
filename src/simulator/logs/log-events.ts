import type { ClientRecord, ConnectionRecord, JsonObject, JsonValue, UserRecord } from '../tenant.ts';
import { SIMULATED_IP, type LogEvent } from './log-entry.ts';

/** What a successful Management API write leaves in the log (docs/auth0-api.md#what-each-write-logs). */
export interface ApiOperation {
  /** Auth0's wording for the operation, e.g. `Create a User`. */
  readonly description: string;
  readonly clientId: string;
  /** Lower case, as Auth0 writes it. */
  readonly method: 'post' | 'patch' | 'delete' | 'put';
  /** The full path, `/api/v2/…`, with ids as the caller sent them (decoded). */
  readonly path: string;
  readonly query: JsonObject;
  readonly requestBody: JsonValue;
  readonly statusCode: number;
  readonly responseBody: JsonValue;
  readonly userAgent: string;
}

/** Request fields whose values Auth0 masks in logged bodies. */
const MASKED = new Set(['password', 'client_secret']);

function masked(body: JsonValue): JsonValue {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, MASKED.has(key) ? '*****' : masked(value)]));
}

/** A `sapi` entry: recorded ones name the caller's client, leave the user empty and carry the whole exchange. */
export function apiOperationEvent(op: ApiOperation): LogEvent {
  return {
    type: 'sapi',
    description: op.description,
    client_id: op.clientId,
    client_name: '',
    details: {
      request: {
        auth: { credentials: {}, strategy: 'jwt', user: {} },
        body: masked(op.requestBody),
        channel: 'api',
        ip: SIMULATED_IP,
        method: op.method,
        path: op.path,
        query: op.query,
        userAgent: op.userAgent,
      },
      response: { body: op.responseBody, statusCode: op.statusCode },
    },
  };
}

const STRATEGY_TYPES: Readonly<Record<string, string>> = {
  auth0: 'database',
  email: 'passwordless',
  sms: 'passwordless',
  'google-oauth2': 'social',
  github: 'social',
};

/** The seeded tenant's other strategies (SAML, Entra ID, OIDC) are all enterprise connections. */
const strategyType = (strategy: string): string => STRATEGY_TYPES[strategy] ?? 'enterprise';

/** An `s` entry: who logged in, through which application and connection, and their login count after it. */
export function loginEvent(
  user: UserRecord,
  client: ClientRecord,
  connection: ConnectionRecord | undefined,
  organization: { id: string; name: string } | undefined,
  atMs: number,
): LogEvent {
  const strategy = connection?.strategy ?? user.identities[0]?.provider ?? null;
  return {
    type: 's',
    description: '',
    client_id: client.client_id,
    client_name: client.name,
    connection: connection?.name ?? user.identities[0]?.connection ?? null,
    connection_id: connection?.id ?? null,
    organization_id: organization?.id ?? null,
    organization_name: organization?.name ?? null,
    user_id: user.user_id,
    user_name: user.email,
    strategy,
    strategy_type: strategy === null ? null : strategyType(strategy),
    details: {
      prompts: [],
      initiatedAt: atMs,
      completedAt: atMs,
      elapsedTime: 0,
      stats: { loginsCount: user.logins_count ?? 0 },
    },
  };
}

/**
 * An `ss` entry: Auth0 writes one beside the `sapi` when the Management API creates a database user, naming the
 * new user and carrying the (masked) request body with the tenant, connection and calling client added.
 */
export function signupEvent(user: UserRecord, client: ClientRecord | undefined, connection: ConnectionRecord, body: JsonObject, tenant: string): LogEvent {
  return {
    type: 'ss',
    description: '',
    client_id: client?.client_id ?? null,
    client_name: client?.name ?? null,
    connection: connection.name,
    connection_id: connection.id,
    user_id: user.user_id,
    user_name: user.username ?? user.email,
    strategy: connection.strategy,
    strategy_type: strategyType(connection.strategy),
    details: { body: masked({ ...body, client_id: client?.client_id ?? null, connection: connection.name, tenant }) as JsonObject },
  };
}
