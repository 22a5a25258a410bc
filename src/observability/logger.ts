import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from '../config-types.ts';
import { createPathScrubber } from './scrub-paths.ts';
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

/** The values this configuration must never print: the Auth0 secret or token, every caller API key, the webhook token. */
export function secretsOf(config: Pick<Config, 'auth0' | 'callers'> & Partial<Pick<Config, 'feed'>>): string[] {
  const { credentials } = config.auth0;
  const upstream = credentials.kind === 'token' ? credentials.token : credentials.clientSecret;
  const webhook = config.feed?.webhookToken;
  return [upstream, ...config.callers.apiKeys, ...(webhook === undefined ? [] : [webhook])];
}

/**
 * Standard output written off the request path: lines go out in the background, and those that arrive while a
 * write is under way leave together in the next one, so a busy server makes a few writes where it made one per
 * line (under load the per-request line cost about a tenth of a cached answer). Pino flushes it on exit.
 */
function backgroundStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/**
 * pino's `time` field as its `isoTime` writes it, with everything down to the second formatted once per second: a
 * busy server writes a line per request, and a whole `toISOString` each time was a visible share of a cached answer.
 */
export function isoTimestamp(now: () => number = Date.now): () => string {
  let second = Number.NaN;
  let prefix = '';
  return () => {
    const ms = now();
    const thisSecond = Math.floor(ms / 1000);
    if (thisSecond !== second) {
      second = thisSecond;
      // `…T14:20:49.000Z` without its milliseconds and zone, which are added per line.
      prefix = `,"time":"${new Date(thisSecond * 1000).toISOString().slice(0, -4)}`;
    }
    return `${prefix}${String(ms - thisSecond * 1000).padStart(3, '0')}Z"`;
  };
}

/**
 * A JSON logger whose every line passes through the scrubbers on its way out: key-based redaction
 * cannot see a token inside an error message or a stack, and a final pass over the text can; the same pass
 * takes the install's paths out of stack traces.
 */
export function createLogger(
  config: Pick<Config, 'auth0' | 'callers' | 'logLevel'>,
  destination: DestinationStream = backgroundStdout(),
): Logger {
  const scrub = createScrubber(secretsOf(config));
  const scrubPaths = createPathScrubber();
  // A plain object, not a stream.Writable: pino needs only `write`, and the stream machinery cost more per line
  // than the scrubbing.
  const scrubbed: DestinationStream = { write: (line: string) => destination.write(scrubPaths(scrub(line))) };
  return pino(
    {
      level: config.logLevel,
      base: { service: 'auth0-graph' },
      redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' },
      timestamp: isoTimestamp(),
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbed,
  );
}
