import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type CloudEvent, type LogEntry, type RunningSimulator } from '../../src/simulator/index.ts';

interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A webhook receiver that records what it is sent and answers `answer` (200 unless a test says otherwise). */
let received: Received[] = [];
let answer = 200;
let receiver: Server;
let base = '';
const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);
let clock = T0;
let sim: RunningSimulator;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sim = await startSimulator({
    size: { users: 30, organizations: 3, largestOrganizationMembers: 10 },
    now: () => clock,
    logDelayMs: 1_500,
    // Pushes in this test go out only when it calls deliver().
    deliveryIntervalMs: 3_600_000,
    logStreams: [{ url: `${base}/logs`, authorization: 'Bearer log-token', batchSize: 2 }],
    eventStreams: [{ url: `${base}/events`, authorization: 'Bearer event-token' }],
  });
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const write = (method: string, path: string, body: unknown): Promise<Response> =>
  fetch(`${sim.url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.issueToken(['create:organization_members', 'create:organization_member_roles'])}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Log Streams and Event Streams pushes', () => {
  it('pushes log entries in batches once visible, and one CloudEvent per change at once, with each stream’s authorization', async () => {
    const org = sim.tenant.organizations[2];
    const members = new Set(sim.tenant.members.get(org?.id ?? '')?.map((m) => m.user_id));
    const joiner = sim.tenant.users.find((u) => !members.has(u.user_id))?.user_id ?? '';
    sim.login(sim.tenant.users[0]?.user_id ?? '');
    expect((await write('POST', `/organizations/${org?.id}/members`, { members: [joiner] })).status).toBe(204);
    const role = sim.tenant.roles[1];
    expect((await write('POST', `/organizations/${org?.id}/members/${encodeURIComponent(joiner)}/roles`, { roles: [role?.id] })).status).toBe(204);
    await sim.deliver();
    // The log lags; events do not.
    expect(received.filter((r) => r.path === '/logs')).toEqual([]);
    const events = received.filter((r) => r.path === '/events');
    expect(events.map((r) => r.authorization)).toEqual(['Bearer event-token', 'Bearer event-token']);
    const [added, assigned] = events.map((r) => r.body as CloudEvent);
    expect(added).toMatchObject({
      specversion: '1.0',
      type: 'organization.member.added',
      source: `urn:auth0:${sim.domain}`,
      time: new Date(T0).toISOString(),
      a0tenant: 'demo-tenant',
      data: { object: { organization: { id: org?.id, name: org?.name }, user: { user_id: joiner } } },
    });
    expect(added?.id).toMatch(/^evt_[A-Za-z0-9]{22}$/);
    expect(added?.a0stream).toMatch(/^est_[A-Za-z0-9]{22}$/);
    expect(assigned).toMatchObject({ type: 'organization.member.role.assigned', data: { object: { role: { id: role?.id, name: role?.name } } } });

    clock += 1_500;
    await sim.deliver();
    const batches = received.filter((r) => r.path === '/logs');
    expect(batches.map((r) => r.authorization)).toEqual(['Bearer log-token', 'Bearer log-token']);
    const items = batches.flatMap((r) => r.body as { log_id: string; data: LogEntry }[]);
    expect(items.map((i) => i.log_id)).toEqual(sim.logEntries().map((e) => e.log_id));
    expect(items.map((i) => i.data.type)).toEqual(['s', 'sapi', 'sapi']);
    expect(items.every((i) => i.data.log_id === i.log_id)).toBe(true);
  });

  it('keeps a refused batch and sends it again on the next delivery', async () => {
    received = [];
    sim.login(sim.tenant.users[1]?.user_id ?? '');
    clock += 1_500;
    answer = 503;
    await sim.deliver();
    answer = 200;
    await sim.deliver();
    const logs = received.filter((r) => r.path === '/logs');
    expect(logs).toHaveLength(2);
    expect(logs[0]?.body).toEqual(logs[1]?.body);
    expect(sim.deliveries.slice(-2).map((d) => d.status)).toEqual([503, 200]);
  });
});
