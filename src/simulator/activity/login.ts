import { SIMULATED_IP, type LogEntry } from '../logs/log-entry.ts';
import { loginEvent } from '../logs/log-events.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { TenantStore } from '../tenant-store.ts';

export interface LoginOptions {
  /** The application logged in to; by default the first interactive one. */
  readonly clientId?: string;
  /** Log in to this organization (the user must be a member). */
  readonly organizationId?: string;
}

/**
 * A user logs in, as through Universal Login: the profile's login fields change at once and an `s` entry is
 * written. No Management API call is involved, so nothing is rate limited and no `sapi` entry is left.
 */
export function simulateLogin(store: TenantStore, logs: LogStore, userId: string, options: LoginOptions, nowMs: number): LogEntry {
  if (store.userById(userId) === undefined) throw new Error(`no user ${userId}`);
  const client =
    options.clientId === undefined
      ? store.state.clients.find((c) => c.app_type !== 'non_interactive')
      : store.clientById(options.clientId);
  if (client === undefined) throw new Error('no application to log in to');
  const organization = options.organizationId === undefined ? undefined : store.organizationById(options.organizationId);
  if (options.organizationId !== undefined && !store.organizationIdsOf(userId).includes(options.organizationId)) {
    throw new Error(`${userId} is not a member of ${options.organizationId}`);
  }
  const user = store.recordLogin(userId, SIMULATED_IP, nowMs);
  const connectionName = user.identities[0]?.connection;
  const connection = store.state.connections.find((c) => c.name === connectionName);
  return logs.append(loginEvent(user, client, connection, organization, nowMs), nowMs);
}
