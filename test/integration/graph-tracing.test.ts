import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/auth0/index.ts';
import type { Clock } from '../../src/auth0/clock.ts';
import { routeOf } from '../../src/auth0/routes.ts';
import { loadConfig } from '../../src/config.ts';
import { clientSettingsFor } from '../../src/simulator/client-settings.ts';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness, HarnessOptions } from '../helpers/graph-harness.ts';

/** Spans of one app, kept in memory; `spans()` flushes first, so nothing is read before it was exported. */
function memoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    provider,
    async spans(): Promise<ReadableSpan[]> {
      await provider.forceFlush();
      return exporter.getFinishedSpans();
    },
    reset: () => exporter.reset(),
  };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;

const ROSTER = (name: string) =>
  `query ${name}($id: String!) { organization(organizationId: $id) { name members(first: 10) { edges { node { userId email roles { name } } } } } }`;

let graph: GraphHarness | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function start(options: HarnessOptions): Promise<GraphHarness> {
  graph = await startGraphHarness(options);
  return graph;
}

const operationSpans = (spans: readonly ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.SERVER);
const callSpans = (spans: readonly ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT);

/** A clock whose sleeps return at once and move time on by what they waited: backoffs and limiter waits cost no real time. */
function leapingClock(): Clock {
  let now = Date.now();
  return {
    now: () => now,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      now += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}

describe('traces', () => {
  it('records one operation span per request, continuing the caller traceparent, with a child per upstream call', async () => {
    const tracing = memoryTracing();
    const harness = await start({ cacheTtlSeconds: 30, deps: () => ({ tracerProvider: tracing.provider }) });
    const organizationId = harness.sim.tenant.organizations[0]?.id ?? '';
    const result = await harness.query(ROSTER('Roster'), { id: organizationId }, { traceparent: TRACEPARENT });
    expect(result.errors).toBeUndefined();

    const spans = await tracing.spans();
    const [operation, ...others] = operationSpans(spans);
    expect(others).toEqual([]);
    expect(operation?.name).toBe('query Roster');
    expect(operation?.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Roster', 'http.response.status_code': 200 });
    expect(operation?.spanContext().traceId).toBe(TRACE_ID);
    expect(operation?.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);

    const calls = callSpans(spans);
    const upstreamRoutes = harness.sim.calls.entries.map((entry) => routeOf(entry.path.replace(/^\/api\/v2/, ''))).sort();
    expect(calls.map((span) => span.attributes['url.template']).sort()).toEqual(upstreamRoutes);
    expect(upstreamRoutes).toContain('/organizations/{id}/members');
    for (const span of calls) {
      expect(span.spanContext().traceId).toBe(TRACE_ID);
      expect(span.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
      expect(span.name).toBe(`GET ${String(span.attributes['url.template'])}`);
      expect(span.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'auth0.attempts': 1, 'auth0.cache': 'miss' });
      expect(span.attributes['auth0.rate_limiter.wait_ms']).toBeTypeOf('number');
    }
    expect(calls.find((span) => span.attributes['url.template'] === '/organizations/{id}/members')?.attributes['auth0.endpoint_group']).toBe(
      'organization-members',
    );
  });

  it('shows calls the response cache answered as spans with a cache hit and no upstream status', async () => {
    const tracing = memoryTracing();
    const harness = await start({ cacheTtlSeconds: 30, deps: () => ({ tracerProvider: tracing.provider }) });
    const organizationId = harness.sim.tenant.organizations[0]?.id ?? '';
    await harness.query(ROSTER('First'), { id: organizationId });
    const upstreamCalls = harness.sim.calls.count();
    await tracing.spans();
    tracing.reset();
    // Another document, so the whole-answer cache cannot answer it and the same upstream calls are asked again.
    const second = await harness.query(ROSTER('Second'), { id: organizationId });
    expect(second.errors).toBeUndefined();
    expect(harness.sim.calls.count()).toBe(upstreamCalls);

    const spans = await tracing.spans();
    expect(operationSpans(spans).map((span) => span.name)).toEqual(['query Second']);
    const calls = callSpans(spans);
    expect(calls).toHaveLength(upstreamCalls);
    for (const span of calls) {
      expect(span.attributes['auth0.cache']).toBe('hit');
      expect(span.attributes).not.toHaveProperty('http.response.status_code');
      expect(span.attributes).not.toHaveProperty('auth0.attempts');
    }
  });

  it('records retries, the rate limiter wait and the failure of a call that never succeeded', async () => {
    const tracing = memoryTracing();
    const harness = await start({
      deps: (sim) => ({
        tracerProvider: tracing.provider,
        // One request a second, and sleeps that pass at once: the retry must wait for the limiter's next token.
        auth0: createAuth0Client(clientSettingsFor(sim, { rateLimit: 1, rateBurst: 1 }), { clock: leapingClock(), maxAttempts: 2, random: () => 0 }),
      }),
    });
    const organizationId = harness.sim.tenant.organizations[0]?.id ?? '';
    harness.sim.faults.errorRate = 1;
    const result = await harness.query('query Broken($id: String!) { organization(organizationId: $id) { name } }', { id: organizationId });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');

    const spans = await tracing.spans();
    const [call, ...more] = callSpans(spans);
    expect(more).toEqual([]);
    expect(call?.attributes).toMatchObject({ 'url.template': '/organizations/{id}', 'auth0.attempts': 2, 'error.type': 'AUTH0_UPSTREAM', 'auth0.cache': 'miss' });
    expect([500, 503]).toContain(call?.attributes['http.response.status_code']);
    expect(call?.attributes['auth0.rate_limiter.wait_ms']).toBeGreaterThan(0);
    expect(call?.status.code).toBe(2);
    expect(operationSpans(spans)[0]?.attributes['auth0_graph.error_codes']).toEqual(['UPSTREAM_UNAVAILABLE']);
  });

  it('puts no email, user id, token or secret in any span', async () => {
    const tracing = memoryTracing();
    let token = '';
    const harness = await start({
      deps: () => ({ tracerProvider: tracing.provider }),
      credentials: (sim) => {
        token = sim.issueToken(['read:users', 'read:organizations', 'read:organization_members', 'read:organization_member_roles', 'read:roles']);
        return { kind: 'token', token };
      },
    });
    const user = harness.sim.tenant.users.find((candidate) => candidate.email !== undefined && candidate.user_id.includes('|'));
    const email = user?.email ?? '';
    const userId = user?.user_id ?? '';
    expect(email).toContain('@');
    const byEmail = await harness.query('query ByEmail($email: String!) { usersByEmail(email: $email) { userId email } }', { email });
    expect(byEmail.data).toMatchObject({ usersByEmail: [{ userId }] });
    const byId = await harness.query(`query ById { user(userId: "${userId}") { email roles(first: 5) { edges { node { name } } } } }`);
    expect(byId).toMatchObject({ data: { user: { email } } });
    const search = await harness.query('query Search($q: String!) { users(first: 5, search: $q) { edges { node { userId } } } }', { q: `email:"${email}"` });
    expect(search.errors).toBeUndefined();

    const spans = await tracing.spans();
    expect(callSpans(spans).length).toBeGreaterThanOrEqual(3);
    const forbidden = [email, userId, encodeURIComponent(userId), token, harness.sim.credentials.clientSecret];
    for (const span of spans) {
      const exported = JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events, resource: span.resource.attributes });
      for (const value of forbidden) expect(exported).not.toContain(value);
    }
  });

  it('makes no span when tracing is off, even with a global tracer provider registered by someone else', async () => {
    const tracing = memoryTracing();
    // Our spans come only from the injected or configured provider; a global one would be another library's.
    trace.setGlobalTracerProvider(tracing.provider);
    try {
      const harness = await start({});
      const result = await harness.query(ROSTER('Untraced'), { id: harness.sim.tenant.organizations[0]?.id ?? '' }, { traceparent: TRACEPARENT });
      expect(result.errors).toBeUndefined();
      expect(harness.sim.calls.count()).toBeGreaterThan(0);
      expect(await tracing.spans()).toEqual([]);
    } finally {
      trace.disable();
    }
  });
});

interface Received {
  readonly path: string | undefined;
  readonly contentType: string | undefined;
  readonly body: OtlpBody;
}

interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { name: string; traceId: string; parentSpanId?: string; attributes: { key: string }[] }[] }[];
  }[];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A stand-in OTLP/HTTP collector on an ephemeral port: keeps every export it is sent and answers 200. */
async function startCollector(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      received.push({ path: request.url, contentType: request.headers['content-type'], body: JSON.parse(text) as OtlpBody });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('OTLP export', () => {
  it('sends every span as OTLP/HTTP JSON to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces by the time the app has closed', async () => {
    const collector = await startCollector();
    try {
      const env = { AUTH0_DOMAIN: 'tenant.example.com', AUTH0_TOKEN: 'unused', OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`, OTEL_SERVICE_NAME: 'graph-under-test' };
      const { tracing } = loadConfig({ env }).config;
      const harness = await start({ config: { tracing } });
      const result = await harness.query(ROSTER('Exported'), { id: harness.sim.tenant.organizations[0]?.id ?? '' }, { traceparent: TRACEPARENT });
      expect(result.errors).toBeUndefined();
      const upstreamCalls = harness.sim.calls.count();
      await harness.close();
      graph = undefined;

      expect(collector.received.length).toBeGreaterThan(0);
      for (const { path, contentType } of collector.received) {
        expect(path).toBe('/v1/traces');
        expect(contentType).toBe('application/json');
      }
      const resourceSpans = collector.received.flatMap(({ body }) => body.resourceSpans);
      const spans = resourceSpans.flatMap((entry) => entry.scopeSpans.flatMap((scope) => scope.spans));
      expect(spans).toHaveLength(1 + upstreamCalls);
      expect(spans.map((span) => span.name)).toContain('query Exported');
      expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([TRACE_ID]));
      for (const entry of resourceSpans) {
        expect(entry.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'graph-under-test' } });
      }
    } finally {
      await collector.close();
    }
  });
});
