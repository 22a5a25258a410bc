import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const BASE = { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_TOKEN: 'static-token' };

const tracingOf = (env: Record<string, string>, argv: string[] = []) => loadConfig({ env: { ...BASE, ...env }, argv }).config.tracing;

describe('trace export settings', () => {
  it('leaves tracing off when OTEL_EXPORTER_OTLP_ENDPOINT is not set, whatever the service name', () => {
    expect(tracingOf({})).toBeUndefined();
    expect(tracingOf({ OTEL_SERVICE_NAME: 'graph' })).toBeUndefined();
  });

  it.each([
    ['http://collector:4318', 'http://collector:4318/v1/traces'],
    ['http://collector:4318/', 'http://collector:4318/v1/traces'],
    ['https://otel.example.com/ingest/', 'https://otel.example.com/ingest/v1/traces'],
  ])('treats %s as a base URL: spans go to %s', (endpoint, tracesUrl) => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toEqual({ tracesUrl, serviceName: 'auth0-graph' });
  });

  it('names the service from OTEL_SERVICE_NAME, and takes both from flags', () => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'graph-eu' })?.serviceName).toBe('graph-eu');
    expect(tracingOf({}, ['--otlp-endpoint', 'http://c:4318', '--service-name', 'graph-us'])).toEqual({
      tracesUrl: 'http://c:4318/v1/traces',
      serviceName: 'graph-us',
    });
  });

  it.each(['collector:4318', 'grpc://collector:4317', 'http://collector:4318?token=1'])('refuses %s, naming the setting', (endpoint) => {
    expect(() => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toThrow(ConfigError);
    expect(() => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: /);
  });
});
