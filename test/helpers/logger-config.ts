import type { Config } from '../../src/config-types.ts';

/** The slice of Config the logger reads, holding the given secrets so tests can check they never appear. */
export function loggerConfig(secrets: { clientSecret: string; apiKeys: readonly string[] }): Pick<Config, 'auth0' | 'callers' | 'logLevel'> {
  return {
    logLevel: 'info',
    auth0: {
      domain: 'acme.eu.auth0.com',
      baseUrl: 'https://acme.eu.auth0.com',
      audience: 'https://acme.eu.auth0.com/api/v2/',
      credentials: { kind: 'client-credentials', clientId: 'cid', clientSecret: secrets.clientSecret },
      plan: 'free',
      rateLimit: undefined,
      rateBurst: undefined,
      upstreamConnections: undefined,
      maxQueueMs: 2_000,
    },
    callers: { apiKeys: [...secrets.apiKeys], jwt: undefined, allowAnonymous: false },
  };
}
