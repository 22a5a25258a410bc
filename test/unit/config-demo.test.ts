import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../src/cli/demo-config.ts';
import { ConfigError } from '../../src/config.ts';

const simulator = {
  url: 'http://127.0.0.1:45678',
  domain: 'demo.simulator.local',
  credentials: { clientId: 'sim-client', clientSecret: 'sim-secret-value' },
};

describe('demoConfig', () => {
  it('points the server at the simulator on loopback with anonymous callers', () => {
    const { config } = demoConfig({ env: {}, argv: [], simulator });
    expect(config.auth0).toMatchObject({
      domain: 'demo.simulator.local',
      baseUrl: 'http://127.0.0.1:45678',
      credentials: { kind: 'client-credentials', clientId: 'sim-client', clientSecret: 'sim-secret-value' },
    });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.auth0.plan).toBe('essentials');
    expect(config.callers.allowAnonymous).toBe(true);
  });

  it('ignores a real tenant configured in the shell', () => {
    const env = { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_TOKEN: 'real-token', HOST: '0.0.0.0', AUTH0_GRAPH_ALLOW_ANONYMOUS: 'false' };
    const { config, warnings } = demoConfig({ env, argv: [], simulator });
    expect(config.auth0.domain).toBe('demo.simulator.local');
    expect(config.auth0.credentials.kind).toBe('client-credentials');
    expect(config.host).toBe('127.0.0.1');
    expect(config.callers.allowAnonymous).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('takes the port and tuning from env and flags', () => {
    const { config } = demoConfig({ env: { PORT: '5001', AUTH0_GRAPH_CACHE_TTL: '1' }, argv: ['--port', '0', '--timeout-ms=2000'], simulator });
    expect(config.port).toBe(0);
    expect(config.cacheTtlSeconds).toBe(1);
    expect(config.timeoutMs).toBe(2000);
  });

  it.each(['--host', '--domain', '--base-url', '--config', '--allow-anonymous'])('refuses %s, which would leave loopback or the simulator', (flag) => {
    expect(() => demoConfig({ env: {}, argv: [flag, 'x'], simulator })).toThrow(ConfigError);
  });
});
