import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startSecuredApp } from './security-app.ts';
import type { SecuredApp } from './security-app.ts';

/** graphql-http's GraphQL-over-HTTP audit against the real server on a port, as a caller with an API key. */
let secured: SecuredApp;
let url: string;
beforeAll(async () => {
  secured = await startSecuredApp();
  url = `${(await secured.app.listen()).url}/graphql`;
});
afterAll(() => secured.close());

const withKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-api-key', API_KEY);
  return fetch(input, { ...init, headers });
};

describe('GraphQL over HTTP', () => {
  for (const audit of serverAudits({ url: () => url, fetchFn: withKey })) {
    if (!audit.name.startsWith('MUST')) continue;
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
    });
  }
});
