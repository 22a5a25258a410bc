import type { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type LogEntry, type RunningSimulator } from '../../src/simulator/index.ts';
import { sdkClient } from '../helpers/sdk-client.ts';

/**
 * The official SDK v7 drives the simulator's living side: the tenant log in both its modes, and (below) the
 * writes the graph reads back with the entries they leave. Where the SDK and the simulator disagree, the simulator
 * is wrong.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ size: { users: 60, organizations: 4, largestOrganizationMembers: 20 }, secrets: 'scope-accurate' });
});
afterAll(() => sim.close());

const sdk = (scopes: string[]): ManagementClient => sdkClient(sim, { token: sim.issueToken(scopes) });

describe('auth0 SDK v7 and the tenant log', () => {
  it('pages the log by offset (its default) and reads one entry by id', async () => {
    for (const user of sim.tenant.users.slice(0, 7)) sim.login(user.user_id);
    const seen: string[] = [];
    for await (const entry of await sdk(['read:logs']).logs.list({ per_page: 3 })) seen.push(String(entry.log_id));
    expect(seen).toEqual(sim.logEntries().map((e) => e.log_id).reverse());
    const one = await sdk(['read:logs']).logs.get(seen[0] ?? '');
    expect(one).toMatchObject({ log_id: seen[0], type: 's' });
  });

  it('reads from a checkpoint through its extra query parameters, getting a bare array', async () => {
    const all = sim.logEntries();
    const page = await sdk(['read:logs']).logs.list({}, { queryParams: { from: all[1]?.log_id, take: 3 } });
    expect((page.response as unknown as LogEntry[]).map((e) => e.log_id)).toEqual(all.slice(2, 5).map((e) => e.log_id));
  });
});
