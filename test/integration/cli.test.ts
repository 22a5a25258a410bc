import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { startSimulator } from '../../src/simulator/index.ts';

const BIN = fileURLToPath(new URL('../../bin/auth0-graph', import.meta.url));
const SECRET = 'cli-test-secret-that-must-not-leak';
// A clean environment, so a developer's real AUTH0_* settings never leak into these runs.
const BASE_ENV = { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: '' };

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: { ...BASE_ENV, ...env } });
}

function finished(child: ChildProcessWithoutNullStreams): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return finished(start(args, env));
}

/** Resolves with the first stdout match, or rejects with what the process said if it exits first. */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  let seen = '';
  let errors = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match !== null) resolve(match);
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before printing ${pattern}:\n${seen}\n${errors}`)));
  });
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('auth0-graph CLI', () => {
  it('prints the commands for --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['serve', 'demo', 'schema', 'simulator']) expect(run.stdout).toContain(command);
  });

  it('prints a command\'s flags and environment variables for `help serve`', async () => {
    const run = await runCli(['help', 'serve']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--port');
    expect(run.stdout).toContain('AUTH0_DOMAIN');
    expect(run.stdout).toContain('AUTH0_CLIENT_SECRET');
  });

  it('exits 2 on an unknown command', async () => {
    const run = await runCli(['serv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'serv'");
  });

  it.each([
    ['a domain with a path', { AUTH0_DOMAIN: 'acme.eu.auth0.com/api/v2', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: SECRET }, /AUTH0_DOMAIN: .*has a path/],
    ['a secret without its client id', { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_SECRET: SECRET }, /AUTH0_CLIENT_ID: is missing/],
    ['no caller authentication', { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: SECRET }, /no caller authentication/],
    ['a bad port', { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_TOKEN: SECRET, PORT: 'eighty' }, /PORT: must be a whole number/],
  ])('refuses to serve with %s: exit 2, one line, no secret', async (_name, env, pattern) => {
    const run = await runCli(['serve'], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr + run.stdout).not.toContain(SECRET);
  });

  it('prints the sorted SDL for `schema`', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^type Query \{/m);
    expect(run.stdout).toMatch(/^\s+memberCount: Int/m);
  });

  it('runs the demo: answers GraphQL over HTTP on loopback, then shuts down on SIGTERM', async () => {
    const child = start(['demo', '--port', '0']);
    children.push(child);
    const exit = finished(child);
    const [, url] = await waitForOutput(child, /GraphiQL\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/);
    expect(url).toBeDefined();

    const response = await fetch(url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ organizations(first: 2) { edges { node { organizationId name memberCount } } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { organizations: { edges: { node: { name: string; memberCount: number } }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.organizations.edges).toHaveLength(2);
    expect(typeof body.data?.organizations.edges[0]?.node.memberCount).toBe('number');

    child.kill('SIGTERM');
    const run = await exit;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('SIGTERM received');
  });

  it('says clearly when the demo port is taken', async () => {
    const first = start(['demo', '--port', '0']);
    children.push(first);
    const [, port] = await waitForOutput(first, /GraphiQL\s+http:\/\/127\.0\.0\.1:(\d+)\//);
    const second = await runCli(['demo'], { PORT: port ?? '' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    first.kill('SIGTERM');
    expect((await finished(first)).code).toBe(0);
  });
});

describe('auth0-graph serve against the simulator', () => {
  let simulator: RunningSimulator;
  const apiKey = 'serve-test-key-0123456789abcdef';

  beforeAll(async () => {
    simulator = await startSimulator({ size: { users: 30, organizations: 3, largestOrganizationMembers: 10 } });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('serves callers with an API key, refuses others, and drains on SIGTERM', async () => {
    const child = start(['serve', '--port', '0', '--host', '127.0.0.1'], {
      AUTH0_DOMAIN: simulator.domain,
      AUTH0_BASE_URL: simulator.url,
      AUTH0_CLIENT_ID: simulator.credentials.clientId,
      AUTH0_CLIENT_SECRET: simulator.credentials.clientSecret,
      AUTH0_GRAPH_API_KEYS: apiKey,
      AUTH0_GRAPH_LOG_LEVEL: 'silent',
    });
    children.push(child);
    const exit = finished(child);
    const [, url] = await waitForOutput(child, /serve: (http:\/\/127\.0\.0\.1:\d+\/graphql)/);
    const query = JSON.stringify({ query: '{ organizations(first: 1) { edges { node { name } } } }' });
    const headers = { 'content-type': 'application/json', accept: 'application/json' };

    const anonymous = await fetch(url ?? '', { method: 'POST', headers, body: query });
    expect(anonymous.status).toBe(401);
    const allowed = await fetch(url ?? '', { method: 'POST', headers: { ...headers, 'x-api-key': apiKey }, body: query });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { data?: unknown }).data).toMatchObject({ organizations: { edges: [{ node: { name: expect.any(String) } }] } });

    child.kill('SIGTERM');
    const run = await exit;
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(simulator.credentials.clientSecret);
    expect(run.stdout + run.stderr).not.toContain(apiKey);
    // No AUTH0_PLAN: the budget starts at Free pace under the Enterprise ceiling and says so.
    expect(run.stdout).toMatch(/plan auto; rate budget global 40 burst 15\.84\/s configured, users 1 burst 1\.98\/s assumed, /);
  });

  it('checks the credentials and scopes, narrowed to one example document', async () => {
    const example = fileURLToPath(new URL('../../examples/seats-per-organization.graphql', import.meta.url));
    const run = await runCli(['check', '--query', example], {
      AUTH0_DOMAIN: simulator.domain,
      AUTH0_BASE_URL: simulator.url,
      AUTH0_CLIENT_ID: simulator.credentials.clientId,
      AUTH0_CLIENT_SECRET: simulator.credentials.clientSecret,
    });
    expect(run.stdout).toContain(`Token       ok for client ${simulator.credentials.clientId}`);
    expect(run.stdout).toContain('Result      everything checked is usable');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(simulator.credentials.clientSecret);
  });

  it('check exits 1 and names the scope a static token lacks', async () => {
    const token = simulator.issueToken(['read:users', 'read:roles', 'read:organizations', 'read:organization_members']);
    const run = await runCli(['check'], { AUTH0_DOMAIN: simulator.domain, AUTH0_BASE_URL: simulator.url, AUTH0_TOKEN: token });
    expect(run.stdout).toMatch(/^Member roles .* NOT USABLE: missing read:organization_member_roles$/m);
    expect(run.stdout).toContain('then issue a new AUTH0_TOKEN');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(token);
  });
});
