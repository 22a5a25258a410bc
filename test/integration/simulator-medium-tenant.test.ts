import type { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.ts';
import { RATE_LIMIT_PRESETS } from '../../src/simulator/rate-limit/presets.ts';
import { TENANT_SCALES } from '../../src/simulator/tenant.ts';
import { sdkClient } from '../helpers/sdk-client.ts';

/**
 * The medium tenant, past both 1,000-record caps, read over HTTP with the official SDK the way a careful script
 * would on an Essentials tenant: checkpoint paging, one request per lane token. The clock is the simulator's own
 * (injected), so pacing a 36-request walk costs no wall time.
 */
let sim: RunningSimulator;
let clock = Date.UTC(2026, 0, 1);
const lanes = RATE_LIMIT_PRESETS.essentials.groups ?? {};
/** The sustained interval of a per-minute lane: a caller that waits this long per request never empties it. */
const paceOf = (perMinute: number | undefined): number => 60_000 / (perMinute ?? 1);

beforeAll(async () => {
  sim = await startSimulator({ scale: 'medium', rateLimit: 'essentials', now: () => clock });
});
afterAll(() => sim.close());

function sdk(): ManagementClient {
  const token = sim.issueToken(['read:users', 'read:organizations', 'read:organization_members']);
  return sdkClient(sim, { token });
}

describe('medium tenant over HTTP on the essentials plan', () => {
  it('has the medium size: over 1,000 organizations, the largest over 1,000 members', () => {
    const { users, organizations, members } = sim.tenant;
    expect(users).toHaveLength(TENANT_SCALES.medium.users);
    expect(organizations).toHaveLength(TENANT_SCALES.medium.organizations);
    expect(organizations.length).toBeGreaterThan(1000);
    expect(members.get(organizations[0]?.id ?? '')).toHaveLength(TENANT_SCALES.medium.largestOrganizationMembers);
  });

  it('walks every organization by checkpoint, paced to the organizations lane, with no 429', async () => {
    const client = sdk();
    const pace = paceOf(lanes.organizations?.perMinute);
    clock += pace;
    let page = await client.organizations.list({ take: 100 });
    expect(page.rawResponse.headers.get('x-ratelimit-limit')).toBe(String(lanes.organizations?.burst));
    const ids = page.data.map((org) => org.id);
    while (page.hasNextPage()) {
      clock += pace;
      page = await page.getNextPage();
      ids.push(...page.data.map((org) => org.id));
    }
    expect(ids).toEqual(sim.tenant.organizations.map((org) => org.id));
    expect(sim.calls.count({ route: '/organizations' })).toBe(Math.ceil(ids.length / 100));
    expect(sim.calls.count({ status: 429 })).toBe(0);
  });

  it('walks the largest organization\'s members by checkpoint, paced to the members lane, with no 429', async () => {
    const client = sdk();
    const org = sim.tenant.organizations[0];
    const pace = paceOf(lanes['organization-members']?.perMinute);
    clock += pace;
    let page = await client.organizations.members.list(org?.id ?? '', { take: 100, fields: 'user_id,email' });
    expect(page.rawResponse.headers.get('x-ratelimit-limit')).toBe(String(lanes['organization-members']?.burst));
    const ids = page.data.map((member) => member.user_id);
    while (page.hasNextPage()) {
      clock += pace;
      page = await page.getNextPage();
      ids.push(...page.data.map((member) => member.user_id));
    }
    expect(ids).toEqual(sim.tenant.members.get(org?.id ?? '')?.map((m) => m.user_id));
    expect(new Set(ids).size).toBe(TENANT_SCALES.medium.largestOrganizationMembers);
    expect(sim.calls.count({ status: 429 })).toBe(0);
  });

  it('refuses an offset page past 1,000 organizations, and the checkpoint walk is the way past it', async () => {
    clock += 60_000;
    const response = await fetch(`${sim.url}/api/v2/organizations?page=10&per_page=100`, {
      headers: { authorization: `Bearer ${sim.issueToken(['read:organizations'])}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'invalid_paging', message: expect.stringMatching(/page 10 exceeds/) });
  });

  it('finds one organization\'s members among 12,000 users by search, and a user\'s IdP tokens leak without fields=', async () => {
    clock += 60_000;
    const org = sim.tenant.organizations[0];
    const members = new Set(sim.tenant.members.get(org?.id ?? '')?.map((m) => m.user_id));
    const found = await sdk().users.list({ q: `organization_id:"${org?.id ?? ''}"`, search_engine: 'v3', per_page: 100, page: 3 });
    expect(found.data).toHaveLength(100);
    expect(found.data.every((user) => members.has(user.user_id ?? ''))).toBe(true);

    clock += 60_000;
    const withTokens = sim.tenant.users.find((u) => u.identities[0]?.access_token !== undefined);
    const read = async (query: string): Promise<string> => {
      const path = `/api/v2/users/${encodeURIComponent(withTokens?.user_id ?? '')}${query}`;
      const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.issueToken(['read:users'])}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    // The simulator's default is the worst case: only the caller's allow-list keeps key material out.
    expect(await read('')).toContain('SIMSECRET-user.identities.access_token-');
    expect(await read('?fields=user_id,email')).not.toContain('SIMSECRET');
  });

  it('answers 429 to the same walk unpaced, so the pacing above is what kept it clean', async () => {
    clock += 60_000;
    const token = sim.issueToken(['read:organizations']);
    const statuses = await Promise.all(
      Array.from({ length: (lanes.organizations?.burst ?? 0) + 3 }, () =>
        fetch(`${sim.url}/api/v2/organizations?take=100`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  });
});
