import type { JsonObject } from './tenant.ts';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  414: 'Request-URI Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A response the simulator answers instead of the handler's result; `body` is sent verbatim. */
export class SimulatorHttpError extends Error {
  override readonly name = 'SimulatorHttpError';
  readonly status: number;
  readonly body: JsonObject;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: JsonObject, headers: Readonly<Record<string, string>> = {}) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** The Management API's Boom-style body; `errorCode` is left out where Auth0 leaves it out. */
export function apiError(status: number, message: string, errorCode?: string): SimulatorHttpError {
  const body: JsonObject = { statusCode: status, error: REASONS[status] ?? 'Error', message };
  if (errorCode !== undefined) body.errorCode = errorCode;
  return new SimulatorHttpError(status, body);
}

export const queryError = (message: string): SimulatorHttpError =>
  apiError(400, `Query validation error: ${message}`, 'invalid_query_string');

/** 404 bodies per resource, as recorded against a real tenant (docs/auth0-api.md#not-found-bodies). */
export const notFound = {
  user: () => apiError(404, 'The user does not exist.', 'inexistent_user'),
  role: () => apiError(404, 'The role does not exist.'),
  organization: () => apiError(404, 'No organization found by that id or name'),
  connection: () => apiError(404, 'The connection does not exist', 'inexistent_connection'),
  orgConnection: () => apiError(404, 'No connection found by that id'),
  invitation: () => apiError(404, 'The invitation does not exist.', 'inexistent_invitation'),
  // UNCONFIRMED upstream: the OAS text for clients, and our best guess for resource servers.
  client: () => apiError(404, 'Client not found.', 'inexistent_client'),
  resourceServer: () => apiError(404, 'The resource server does not exist', 'inexistent_resource_server'),
  route: () => apiError(404, 'Not Found'),
};
