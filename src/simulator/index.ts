import { createActivityGenerator } from './activity/generator.ts';
import { simulateLogin } from './activity/login.ts';
import { activityTenantOf, performActivity } from './activity/perform.ts';
import { createCursorRegistry } from './api/cursor.ts';
import { ROUTES } from './api/routes.ts';
import { createSigningKey, jwksOf } from './auth/jwt.ts';
import { createTokenIssuer } from './auth/token-issuer.ts';
import { createCallLog } from './call-log.ts';
import { createFaults } from './faults.ts';
import { createStreams } from './delivery/streams.ts';
import { createApiPipeline } from './http/api-pipeline.ts';
import { createLogStore } from './logs/log-store.ts';
import { closeServer, createSimulatorServer, listen } from './http/server.ts';
import type { RunningSimulator, SimulatorOptions } from './options.ts';
import { createPrng, HEX } from './prng.ts';
import { RATE_LIMIT_PRESETS, TOKEN_ENDPOINT_LIMITS } from './rate-limit/presets.ts';
import { createRateLimiter } from './rate-limit/rate-limiter.ts';
import { GRAPH_CLIENT_NAME, seedTenant } from './seed/seed-tenant.ts';
import { seedClient } from './seed/seed-applications.ts';
import type { ChangeListener } from './tenant-changes.ts';
import { createTenantStore } from './tenant-store.ts';
import { TENANT_SCALES } from './tenant.ts';

export type { RunningSimulator, SimulatorOptions, MachineClientOptions, SecretsMode } from './options.ts';
export type { RateLimitConfig, RateLimitPreset } from './rate-limit/presets.ts';
export type { CallEntry, CallFilter, CallLog } from './call-log.ts';
export type { Faults } from './faults.ts';
export type { LogEntry } from './logs/log-entry.ts';
export type { LoginOptions } from './activity/login.ts';
export type { ActivityGenerator, ActivityOptions } from './activity/generator.ts';
export type { Activity } from './activity/plan.ts';
export type { DeliveryAttempt, WebhookTarget } from './delivery/webhook-queue.ts';
export type { EventStreamOptions, LogStreamOptions } from './delivery/streams.ts';
export type { CloudEvent } from './delivery/cloud-event.ts';
export type * from './tenant.ts';
export type { ChangeListener, TenantChange } from './tenant-changes.ts';
export { TENANT_SCALES } from './tenant.ts';
export { endpointGroupOf } from './rate-limit/endpoint-group.ts';

/** Starts a seeded Auth0 Management API simulator on an HTTP port (ephemeral unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const domain = options.domain ?? 'demo-tenant.us.auth0.com';
  const seed = options.seed ?? 1;
  const indexingDelayMs = options.indexingDelayMs ?? 0;
  const store = createTenantStore(seedTenant(seed, { ...TENANT_SCALES[options.scale ?? 'small'], ...options.size }, domain));
  const key = createSigningKey();
  const issuer = createTokenIssuer({ key, domain, now });
  const faults = createFaults(issuer);
  const calls = createCallLog();
  const logs = createLogStore(options.logDelayMs ?? 0);
  const changeListeners = new Set<ChangeListener>();
  const streams = createStreams({
    logs,
    logStreams: options.logStreams ?? [],
    eventStreams: options.eventStreams ?? [],
    domain,
    prng: createPrng(seed ^ 0xe7e47),
    now,
  });
  // Pushes go out on their own between explicit `deliver()` calls; the timer never keeps the process alive.
  const deliveryTimer =
    (options.logStreams ?? []).length + (options.eventStreams ?? []).length === 0
      ? undefined
      : setInterval(() => void streams.deliver(now()), options.deliveryIntervalMs ?? 1000).unref();
  const tokenCalls = createCallLog();
  const rateLimit = options.rateLimit ?? false;
  const limitConfig = typeof rateLimit === 'string' ? RATE_LIMIT_PRESETS[rateLimit] : rateLimit;
  const api = createApiPipeline({
    routes: ROUTES,
    store,
    logs,
    issuer,
    limiter: limitConfig === false ? undefined : createRateLimiter(limitConfig, now),
    faults,
    calls,
    prng: createPrng(seed ^ 0x9e3779b9),
    now,
    cursors: createCursorRegistry(options.cursorTtlMs ?? 86_400_000),
    maxUrlBytes: options.maxUrlBytes ?? 8192,
    retryAfterHeader: options.retryAfterHeader ?? false,
    secrets: options.secrets ?? 'worst-case',
    indexingDelayMs,
    onChange: (change) => {
      streams.changed(change);
      for (const listener of changeListeners) listener(change);
    },
  });
  const server = createSimulatorServer({
    api,
    store,
    issuer,
    jwks: jwksOf(key),
    faults,
    tokenCalls,
    tokenLimiter:
      typeof rateLimit === 'string' ? createRateLimiter({ global: TOKEN_ENDPOINT_LIMITS[rateLimit] }, now) : undefined,
    latencyMs: options.latencyMs ?? 0,
    now,
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const graphClient = store.state.clients.find((c) => c.name === GRAPH_CLIENT_NAME);
  if (graphClient === undefined) throw new Error('seeded tenant lacks the reporting client');
  const clientPrng = createPrng(seed ^ 0x51ed);
  const adminClient = store.state.clients.find((c) => c.app_type === 'non_interactive' && c.name !== GRAPH_CLIENT_NAME);
  const act = performActivity({ store, logs, issuer, url: () => url, adminClientId: adminClient?.client_id, now });
  const activity =
    options.activity === undefined || options.activity === false
      ? undefined
      : createActivityGenerator({ prng: createPrng(seed ^ 0xac71), tenant: activityTenantOf(store), options: options.activity, perform: act });

  return {
    url,
    domain,
    credentials: { clientId: graphClient.client_id, clientSecret: graphClient.client_secret },
    tenant: store.state,
    calls,
    tokenCalls,
    faults,
    addMachineClient({ scopes, grantTypes = ['client_credentials'], granted = true }) {
      const client = seedClient(
        clientPrng,
        domain,
        { name: `Test M2M ${clientPrng.string(6, HEX)}`, app_type: 'non_interactive', firstParty: true },
        now(),
      );
      client.grant_types = [...grantTypes];
      store.addClient(client, { client_id: client.client_id, scopes: [...scopes], granted });
      return { clientId: client.client_id, clientSecret: client.client_secret };
    },
    issueToken: (scopes, opts) => issuer.issue(graphClient.client_id, scopes, opts),
    createUser: (user) => store.createUser(user, now(), now() + indexingDelayMs),
    addMember: (orgId, userId, roleIds = []) => store.addMember(orgId, userId, roleIds, now(), now() + indexingDelayMs),
    login: (userId, loginOptions = {}) => simulateLogin(store, logs, userId, loginOptions, now()),
    logEntries: () => logs.visible(Number.POSITIVE_INFINITY),
    deliver: () => streams.deliver(now()),
    deliveries: streams.attempts,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    activity,
    act,
    close: () => {
      activity?.stop();
      clearInterval(deliveryTimer);
      return closeServer(server);
    },
  };
}
