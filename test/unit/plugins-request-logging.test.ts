import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { useRequestLogging } from '../../src/plugins/use-request-logging.ts';
import { loggerConfig } from '../helpers/logger-config.ts';

const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const loggerAt = (logLevel: 'info' | 'warn') => createLogger({ ...loggerConfig({ clientSecret: 'secret-value', apiKeys: [] }), logLevel }, discard);

describe('useRequestLogging', () => {
  it('hooks nothing when the request line would not be written', () => {
    expect(Object.keys(useRequestLogging({ logger: loggerAt('warn') }))).toEqual([]);
  });

  it('hooks the request, its params, its result and its response at info', () => {
    expect(Object.keys(useRequestLogging({ logger: loggerAt('info') })).sort()).toEqual(['onExecutionResult', 'onParams', 'onRequest', 'onResponse']);
  });
});
