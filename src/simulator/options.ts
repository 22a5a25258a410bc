import type { CallLog } from './call-log.ts';
import type { ActivityGenerator, ActivityOptions } from './activity/generator.ts';
import type { LoginOptions } from './activity/login.ts';
import type { Activity } from './activity/plan.ts';
import type { EventStreamOptions, LogStreamOptions } from './delivery/streams.ts';
import type { DeliveryAttempt } from './delivery/webhook-queue.ts';
import type { Faults } from './faults.ts';
import type { LogEntry } from './logs/log-entry.ts';
import type { ChangeListener } from './tenant-changes.ts';
import type { RateLimitConfig, RateLimitPreset } from './rate-limit/presets.ts';
import type { NewUser } from './tenant-store.ts';
import type { MembershipRecord, Tenant, TenantScale, TenantSize, UserRecord } from './tenant.ts';

/**
 * `worst-case`: a read without a `fields=` allow-list gets every stored field, key material, IdP tokens and
 * connection secrets included, whatever the token's scopes; whether Auth0 leaves them out is unconfirmed, so
 * only the caller's allow-list may be trusted to keep them away. `scope-accurate`: they are left out unless the
 * scopes allow them, as the OAS describes.
 */
export type SecretsMode = 'worst-case' | 'scope-accurate';

export interface SimulatorOptions {
  /** Seed of the deterministic tenant. @default 1 */
  seed?: number;
  /**
   * Named tenant size: `small` (2,500 users, 40 orgs), `medium` (12,000 users, 1,050 orgs, 2,500 in the largest)
   * or `large` (100,000 users, 1,000 orgs, 10,000 in the largest). @default 'small'
   */
  scale?: TenantScale;
  /** Overrides parts of the scale's size; tests pass small sizes for speed. */
  size?: Partial<TenantSize>;
  /** @default 'demo-tenant.us.auth0.com' */
  domain?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Plan preset or custom buckets. Tests default to unlimited; `auth0-graph simulator` should pass
   * `'essentials'` to feel like a paid self-service tenant. @default false
   */
  rateLimit?: RateLimitPreset | RateLimitConfig | false;
  /** Added to every response. @default 0 */
  latencyMs?: number;
  /** New users and memberships stay out of `/users` and member listings this long. @default 0 */
  indexingDelayMs?: number;
  /**
   * Tenant log entries become visible to `/logs` (and are pushed to Log Streams) this long after their event, as
   * Auth0's logs lag by an undocumented few seconds. @default 0
   */
  logDelayMs?: number;
  /**
   * Custom-webhook Log Streams: each gets the log's entries as they become visible, in JSON-array batches of
   * `{log_id, data}`, with `authorization` as its `Authorization` header. @default []
   */
  logStreams?: readonly LogStreamOptions[];
  /** Event Streams webhooks: each gets one CloudEvent per change a write makes, with its `authorization`. @default [] */
  eventStreams?: readonly EventStreamOptions[];
  /** How often queued pushes go out on their own (wall time); `deliver()` sends them at once. @default 1000 */
  deliveryIntervalMs?: number;
  /**
   * A living tenant: a login every few seconds and now and then a member joining or leaving an organization
   * (through the Management API, by one of the tenant's machine apps), from a PRNG seeded by `seed`.
   * @default false
   */
  activity?: ActivityOptions | false;
  /** Checkpoint cursor lifetime. @default 86_400_000 (24 h) */
  cursorTtlMs?: number;
  /** Send `Retry-After` on 429s (unconfirmed in real Auth0). @default false */
  retryAfterHeader?: boolean;
  /** Longest accepted request URL in bytes before a 414. @default 8192 */
  maxUrlBytes?: number;
  /** What an unfiltered read reveals; the CLI's simulator and demo are scope-accurate. @default 'worst-case' */
  secrets?: SecretsMode;
  /** Clock for token expiry, cursor expiry, rate buckets and the call log. @default Date.now */
  now?: () => number;
}

export interface MachineClientOptions {
  scopes: string[];
  /** @default ['client_credentials'] */
  grantTypes?: string[];
  /** Whether a client grant for the Management API exists. @default true */
  granted?: boolean;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT`: what AUTH0_BASE_URL points at. */
  readonly url: string;
  readonly domain: string;
  /** The reporting M2M app, granted every read scope except key material and IdP tokens. */
  readonly credentials: { clientId: string; clientSecret: string };
  addMachineClient(options: MachineClientOptions): { clientId: string; clientSecret: string };
  /**
   * A signed Management API token with these scopes, as if issued to the default app. With
   * `scopeClaim: false` the token still grants them but does not say so in a `scope` claim.
   */
  issueToken(scopes: string[], options?: { expiresInSeconds?: number; scopeClaim?: boolean }): string;
  readonly tenant: Tenant;
  /** Every `/api/v2` call. */
  readonly calls: CallLog;
  /** Every `/oauth/token` call (route `/oauth/token`). */
  readonly tokenCalls: CallLog;
  readonly faults: Faults;
  /** Adds a user now; it is visible to `/users` (search) only after `indexingDelayMs`. */
  createUser(user: NewUser): UserRecord;
  /** Adds a membership now; it is visible to member listings only after `indexingDelayMs`. */
  addMember(organizationId: string, userId: string, roleIds?: readonly string[]): MembershipRecord;
  /**
   * `createUser` and `addMember` change the tenant behind the API's back and log nothing, as a change no feed
   * reports. A login is what users do: it bumps `last_login`/`logins_count` and writes an `s` entry.
   */
  login(userId: string, options?: LoginOptions): LogEntry;
  /** Every tenant log entry so far, oldest first, including those `logDelayMs` still keeps from `/logs`. */
  logEntries(): readonly LogEntry[];
  /**
   * Does one activity as the generator would: a login, or a member joining or leaving through the Management
   * API (by the tenant's admin app, so it leaves its `sapi` entry and pushes). Resolves once answered.
   */
  act(activity: Activity): Promise<void>;
  /** The activity generator, when `activity` is on; `step()` runs one tick at once. */
  readonly activity: ActivityGenerator | undefined;
  /** Pushes every log entry visible now and every queued event to the registered streams, and waits for the POSTs. */
  deliver(): Promise<void>;
  /** Every push made so far, in order. */
  readonly deliveries: readonly DeliveryAttempt[];
  /** Hears what each successful Management API write changed (what Event Streams deliver); returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void;
  close(): Promise<void>;
}
