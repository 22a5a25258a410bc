/**
 * vitest globalSetup of the integration project: the Redis tests need one at 127.0.0.1:6379. A Redis already
 * answering there is used as is; otherwise a throwaway `redis-server` (nothing written to disk) runs for the
 * length of the test run. With neither, the run fails here, once, naming how to get Redis, rather than as
 * connection errors scattered over the Redis tests.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { pingRedis } from './redis-ping.ts';

const HOST = '127.0.0.1';
const PORT = 6379;
/** How long a freshly started redis-server may take to answer; it is ready in milliseconds on an idle machine. */
const START_BOUND_MS = 10_000;
const POLL_EVERY_MS = 50;

const HOW_TO_GET_REDIS =
  'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) so the tests can start a throwaway one, ' +
  `or start your own on ${HOST}:${PORT}.`;

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (await pingRedis(HOST, PORT)) return undefined;
  const server = await startThrowawayRedis();
  return () => stop(server);
}

async function startThrowawayRedis(): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(PORT), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {
    stdio: 'ignore',
  });
  let exit: string | undefined;
  server.once('error', (error: NodeJS.ErrnoException) => {
    exit = error.code === 'ENOENT' ? 'redis-server is not installed' : `redis-server did not start: ${error.message}`;
  });
  server.once('exit', (code, signal) => {
    exit ??= `redis-server exited (${signal ?? `code ${String(code)}`})`;
  });
  const deadline = Date.now() + START_BOUND_MS;
  // A server that exited may have lost the port to another run's Redis, which then answers; that one serves too.
  while (Date.now() < deadline) {
    if (await pingRedis(HOST, PORT)) return server;
    if (exit !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  if (exit === undefined) await stop(server);
  throw new Error(
    `No Redis answers on ${HOST}:${PORT}, which the integration tests need, and ${exit ?? `the redis-server started did not answer within ${START_BOUND_MS} ms`}. ${HOW_TO_GET_REDIS}`,
  );
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
}
