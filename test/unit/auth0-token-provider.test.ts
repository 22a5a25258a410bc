import { describe, expect, it } from 'vitest';
import type { Auth0Settings } from '../../src/config-types.ts';
import { createTokenProvider } from '../../src/auth0/token-provider.ts';
import type { Send, TransportResponse } from '../../src/auth0/transport.ts';
import { createFakeClock } from './auth0-fake-clock.ts';

const settings: Auth0Settings = {
  domain: 'acme.eu.auth0.com',
  baseUrl: 'https://acme.eu.auth0.com',
  audience: 'https://acme.eu.auth0.com/api/v2/',
  credentials: { kind: 'client-credentials', clientId: 'id', clientSecret: 'secret' },
  plan: 'free',
  rateLimit: undefined,
  rateBurst: undefined,
  upstreamConnections: undefined,
  maxQueueMs: 2_000,
};
const signal = new AbortController().signal;

/** A token endpoint that answers from a script and counts requests. */
function tokenEndpoint(answer: (call: number) => TransportResponse | Promise<TransportResponse>): { send: Send; calls: () => number } {
  let calls = 0;
  return {
    send: async () => {
      calls += 1;
      return answer(calls);
    },
    calls: () => calls,
  };
}
const issued = (call: number, expiresIn = 3600): TransportResponse => ({
  status: 200,
  headers: {},
  body: { access_token: `token-${call}`, expires_in: expiresIn, token_type: 'Bearer' },
});

describe('client-credentials token provider', () => {
  it('collapses concurrent requests into one token call and reuses the token until the leeway', async () => {
    const clock = createFakeClock();
    const endpoint = tokenEndpoint((call) => issued(call));
    const tokens = createTokenProvider(settings, { send: endpoint.send, clock, refreshLeewayMs: 60_000 });
    const all = await Promise.all([tokens.getToken(signal), tokens.getToken(signal), tokens.getToken(signal)]);
    expect(all).toEqual(['token-1', 'token-1', 'token-1']);
    await clock.advance(3_539_000);
    expect(await tokens.getToken(signal)).toBe('token-1');
    await clock.advance(2_000);
    expect(await tokens.getToken(signal)).toBe('token-2');
    expect(endpoint.calls()).toBe(2);
    expect(tokens.issued).toBe(2);
  });

  it('keeps serving the cached token while an early refresh fails, and retries the refresh later', async () => {
    const clock = createFakeClock();
    const endpoint = tokenEndpoint((call) => (call === 1 ? issued(call) : { status: 503, headers: {}, body: null }));
    const tokens = createTokenProvider(settings, { send: endpoint.send, clock, refreshLeewayMs: 60_000, retryRefreshAfterMs: 5_000 });
    await tokens.getToken(signal);
    await clock.advance(3_550_000);
    expect(await tokens.getToken(signal)).toBe('token-1');
    expect(await tokens.getToken(signal)).toBe('token-1');
    expect(endpoint.calls()).toBe(2);
    await clock.advance(5_000);
    expect(await tokens.getToken(signal)).toBe('token-1');
    expect(endpoint.calls()).toBe(3);
  });

  it('fails with the actionable token error once no valid token is left', async () => {
    const clock = createFakeClock();
    const endpoint = tokenEndpoint((call) => (call === 1 ? issued(call) : { status: 503, headers: {}, body: null }));
    const tokens = createTokenProvider(settings, { send: endpoint.send, clock });
    await tokens.getToken(signal);
    await clock.advance(3_600_000);
    await expect(tokens.getToken(signal)).rejects.toMatchObject({ code: 'AUTH0_TOKEN', message: expect.stringContaining('HTTP 503') });
  });

  it('replaces a rejected token once, however many callers saw the 401', async () => {
    const clock = createFakeClock();
    const endpoint = tokenEndpoint((call) => issued(call));
    const tokens = createTokenProvider(settings, { send: endpoint.send, clock });
    const first = await tokens.getToken(signal);
    const replaced = await Promise.all([tokens.refresh(first, signal), tokens.refresh(first, signal)]);
    expect(replaced).toEqual(['token-2', 'token-2']);
    expect(await tokens.refresh(first, signal)).toBe('token-2');
    expect(endpoint.calls()).toBe(2);
  });

  it('lets a caller leave a slow token request when its own deadline passes', async () => {
    const clock = createFakeClock();
    let release: (response: TransportResponse) => void = () => undefined;
    const endpoint = tokenEndpoint(() => new Promise<TransportResponse>((resolve) => (release = resolve)));
    const tokens = createTokenProvider(settings, { send: endpoint.send, clock });
    const controller = new AbortController();
    const waiting = tokens.getToken(controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    release(issued(1));
    expect(await tokens.getToken(signal)).toBe('token-1');
  });
});

describe('static token provider', () => {
  it('returns the token and refuses to refresh it', async () => {
    const clock = createFakeClock();
    const tokens = createTokenProvider({ ...settings, credentials: { kind: 'token', token: 'static' } }, { send: tokenEndpoint(issued).send, clock });
    expect(await tokens.getToken(signal)).toBe('static');
    await expect(tokens.refresh('static', signal)).rejects.toMatchObject({ code: 'AUTH0_UNAUTHENTICATED', message: expect.stringContaining('AUTH0_TOKEN') });
  });
});
