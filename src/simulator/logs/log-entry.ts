import type { JsonObject, JsonValue } from '../tenant.ts';

/**
 * One tenant log entry as Auth0 writes it (docs/auth0-api.md#tenant-logs): `_id` and `log_id` carry the same id,
 * and the fields an event does not have are `null` rather than absent.
 */
export type LogEntry = JsonObject & {
  readonly _id: string;
  readonly log_id: string;
  readonly date: string;
  readonly type: string;
};

/** What a writer says about an event; the store adds the id, and `null` for every field left out. */
export interface LogEvent {
  readonly type: string;
  readonly description: string;
  readonly client_id?: string | null;
  readonly client_name?: string | null;
  readonly connection?: string | null;
  readonly connection_id?: string | null;
  readonly organization_id?: string | null;
  readonly organization_name?: string | null;
  readonly user_id?: string | null;
  readonly user_name?: string | null;
  readonly strategy?: string | null;
  readonly strategy_type?: string | null;
  readonly details: JsonObject;
}

/** Every field an entry carries, in the order recorded entries list them. */
export const LOG_FIELDS = [
  '_id', 'log_id', 'date', 'type', 'description', 'connection', 'connection_id', 'organization_id', 'organization_name',
  'client_id', 'client_name', 'ip', 'hostname', 'details', 'user_id', 'user_name', 'user_agent', 'audience', 'strategy',
  'strategy_type', 'isMobile', 'location_info',
] as const;

/** The address every simulated caller has; documentation range, never a real host. */
export const SIMULATED_IP = '192.0.2.10';

export function buildEntry(id: string, dateMs: number, event: LogEvent): LogEntry {
  const value = (v: string | null | undefined): JsonValue => v ?? null;
  return {
    _id: id,
    log_id: id,
    date: new Date(dateMs).toISOString(),
    type: event.type,
    description: event.description,
    connection: value(event.connection),
    connection_id: value(event.connection_id),
    organization_id: value(event.organization_id),
    organization_name: value(event.organization_name),
    client_id: value(event.client_id),
    client_name: value(event.client_name),
    ip: SIMULATED_IP,
    hostname: null,
    details: event.details,
    user_id: value(event.user_id),
    user_name: value(event.user_name),
    user_agent: 'Other 0.0.0 / Other 0.0.0',
    audience: null,
    strategy: value(event.strategy),
    strategy_type: value(event.strategy_type),
    isMobile: false,
    location_info: null,
  };
}
