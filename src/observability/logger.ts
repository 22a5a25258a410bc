import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from '../config-types.ts';
import { createScrubber } from './scrub-text.ts';

export type { Logger } from 'pino';

/** Fields dropped by name wherever they appear in a log object, whatever their value looks like. */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.authorization',
  '*.apiKey',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.password',
  'email',
  '*.email',
];

/** The values this configuration must never print: the Auth0 secret or token and every caller API key. */
export function secretsOf(config: Pick<Config, 'auth0' | 'callers'>): string[] {
  const { credentials } = config.auth0;
  const upstream = credentials.kind === 'token' ? credentials.token : credentials.clientSecret;
  return [upstream, ...config.callers.apiKeys];
}

/**
 * A JSON logger whose every line passes through the scrubber on its way out: key-based redaction
 * cannot see a token inside an error message or a stack, and a final pass over the text can.
 */
export function createLogger(
  config: Pick<Config, 'auth0' | 'callers' | 'logLevel'>,
  destination: DestinationStream = process.stdout,
): Logger {
  const scrub = createScrubber(secretsOf(config));
  const scrubbed = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      destination.write(scrub(chunk.toString()));
      callback();
    },
  });
  return pino(
    {
      level: config.logLevel,
      base: { service: 'auth0-graph' },
      redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbed,
  );
}
