/**
 * A redis-server of one test's (or bench's) own on a free port, which it may stop and start again to play an
 * outage: the Redis at 127.0.0.1:6379 is shared by every test running at the time and is never stopped.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { pingRedis } from './redis-ping.ts';

const HOST = '127.0.0.1';
const POLL_EVERY_MS = 20;

export interface ThrowawayRedis {
  readonly url: string;
  stop(): Promise<void>;
  /** On the same port, empty: what a Redis restarted without persistence holds. */
  start(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;

  async function start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', tmpdir()], { stdio: 'ignore' });
    server = child;
    // Polled until it answers: it is ready in milliseconds, and an exit says why it is not.
    while (!(await pingRedis(HOST, port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (code ${String(child.exitCode)})`);
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  }

  async function stop(): Promise<void> {
    const child = server;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  await start();
  return { url: `redis://${HOST}:${port}`, start, stop };
}
