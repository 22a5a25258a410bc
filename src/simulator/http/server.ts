import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleTokenRequest } from '../auth/token-endpoint.ts';
import type { TokenIssuer } from '../auth/token-issuer.ts';
import type { CallLog } from '../call-log.ts';
import { notFound, SimulatorHttpError } from '../errors.ts';
import type { Faults } from '../faults.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { TenantStore } from '../tenant-store.ts';
import type { ApiOutcome } from './api-pipeline.ts';
import { dropConnection, readBody, sendJson } from './respond.ts';

export interface ServerDeps {
  readonly api: (req: IncomingMessage, url: URL) => Promise<ApiOutcome>;
  readonly store: TenantStore;
  readonly issuer: TokenIssuer;
  readonly jwks: unknown;
  readonly faults: Faults;
  readonly tokenCalls: CallLog;
  readonly tokenLimiter: RateLimiter | undefined;
  readonly latencyMs: number;
  readonly now: () => number;
}

async function tokenOutcome(req: IncomingMessage, deps: ServerDeps): Promise<ApiOutcome> {
  if (deps.faults.tokenEndpointDown === 'drop') return { kind: 'drop' };
  if (deps.faults.tokenEndpointDown) {
    return { kind: 'respond', status: 503, body: { error: 'temporarily_unavailable', error_description: 'Service Unavailable' }, headers: {} };
  }
  if (deps.tokenLimiter !== undefined && !deps.tokenLimiter.admit('/oauth/token', 'other').allowed) {
    return {
      kind: 'respond',
      status: 429,
      body: { error: 'too_many_requests', error_description: 'Rate limit exceeded. Please retry after some time.' },
      headers: {},
    };
  }
  try {
    const body = handleTokenRequest(
      { contentType: req.headers['content-type'] ?? '', body: await readBody(req) },
      { store: deps.store, issuer: deps.issuer },
    );
    return { kind: 'respond', status: 200, body, headers: { 'cache-control': 'no-store' } };
  } catch (error) {
    if (error instanceof SimulatorHttpError) return { kind: 'respond', status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

async function route(req: IncomingMessage, deps: ServerDeps): Promise<ApiOutcome> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  if (url.pathname.startsWith('/api/v2/')) return deps.api(req, url);
  if (url.pathname === '/oauth/token' && req.method === 'POST') {
    const at = deps.now();
    const outcome = await tokenOutcome(req, deps);
    deps.tokenCalls.record({
      method: 'POST',
      path: '/oauth/token',
      route: '/oauth/token',
      query: {},
      status: outcome.kind === 'drop' ? 0 : outcome.status,
      group: 'other',
      at,
    });
    return outcome;
  }
  if (url.pathname === '/.well-known/jwks.json' && req.method === 'GET') {
    return { kind: 'respond', status: 200, body: deps.jwks, headers: {} };
  }
  const error = notFound.route();
  return { kind: 'respond', status: error.status, body: error.body, headers: {} };
}

export function createSimulatorServer(deps: ServerDeps): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    route(req, deps)
      .then(async (outcome) => {
        const held = req.url?.startsWith('/api/v2/') ? deps.faults.heldCall(new URL(req.url, 'http://simulator.invalid')) : undefined;
        if (held !== undefined) {
          res.once('close', () => {
            if (!res.writableFinished) held.abandon();
          });
          await held.released;
          if (res.destroyed) return;
        }
        const wait = deps.latencyMs + deps.faults.slowMs;
        if (wait > 0) await delay(wait);
        if (outcome.kind === 'drop') dropConnection(req);
        else sendJson(res, outcome.status, outcome.body, outcome.headers);
      })
      .catch((error: unknown) => {
        sendJson(res, 500, { statusCode: 500, error: 'Internal Server Error', message: String(error) });
      });
  });
}

export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
