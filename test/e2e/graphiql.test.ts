import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphHarness } from '../helpers/graph-harness.ts';
import type { GraphHarness } from '../helpers/graph-harness.ts';
import { findChromium } from './find-chromium.ts';

/**
 * Set to a path (e.g. `GRAPHIQL_SCREENSHOT=docs/graphiql.png`) to save the page after the query ran, as
 * the README's picture; off by default so a test run leaves the tree unchanged.
 */
const SCREENSHOT = process.env.GRAPHIQL_SCREENSHOT;

let harness: GraphHarness;
let origin: string;
let browser: Browser | undefined;

beforeAll(async () => {
  harness = await startGraphHarness();
  origin = (await harness.app.listen()).url;
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

/** The browser, launched on first use: checked in a test rather than a hook, so a missing one fails, not skips. */
async function launched(): Promise<Browser> {
  if (browser !== undefined) return browser;
  const chromiumAt = findChromium();
  if (!chromiumAt.found) throw new Error(chromiumAt.reason);
  browser = await chromium.launch({
    executablePath: chromiumAt.path,
    headless: true,
    // No sandbox: CI runs as root in a container. The rest keeps Chromium from calling home, which would show up as foreign requests.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

describe('GraphiQL in a real browser', () => {
  it('opens with the example queries, runs one from the run menu and shows the tenant on screen, loading nothing from outside the server', async () => {
    const page = await (await launched()).newPage({ viewport: { width: 1280, height: 800 } });
    const requested: string[] = [];
    const failures: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.url()}: HTTP ${response.status()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    // Content-security-policy violations are reported only here.
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(`console: ${message.text()}`);
    });
    // Refused at once rather than left to hang offline; a page that reaches out then fails with the list of what it asked for.
    await page.route((url) => !url.href.startsWith(`${origin}/`), (route) => route.abort('blockedbyclient'));
    page.setDefaultTimeout(20_000);
    const foreign = () => requested.filter((url) => !url.startsWith(`${origin}/`));

    const [organization] = harness.sim.tenant.organizations;
    if (organization === undefined) throw new Error('the seeded tenant has no organizations');
    const seats = harness.sim.tenant.members.get(organization.id)?.length ?? 0;
    let shown: string;
    try {
      await page.goto(`${origin}/graphql`);
      await page.locator('.graphiql-query-editor .view-line').filter({ hasText: 'query SeatsPerOrganization' }).waitFor();
      await page.getByRole('button', { name: /^Execute query/ }).click();
      await page.getByRole('menuitem', { name: 'SeatsPerOrganization' }).click();
      const result = page.locator('.graphiql-response .view-lines');
      await result.locator('.view-line').filter({ hasText: `"name": "${organization.name}"` }).waitFor();
      shown = (await result.innerText()).replace(/\s+/g, ' ');
      if (SCREENSHOT !== undefined) await page.screenshot({ path: SCREENSHOT });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`GraphiQL did not show the result (${reason}); requests outside ${origin}: ${JSON.stringify(foreign())}; failures: ${JSON.stringify(failures)}`, {
        cause: error,
      });
    } finally {
      await page.close();
    }

    expect(shown).toContain(
      `"organizationId": "${organization.id}", "name": "${organization.name}", "displayName": "${organization.display_name}", "memberCount": ${seats}`,
    );
    expect(failures).toEqual([]);
    expect(foreign()).toEqual([]);
    expect(requested.some((url) => url.startsWith(`${origin}/graphiql/`))).toBe(true);
  });

  it('shows streamed rows as they arrive: the first page before the second is answered', async () => {
    const streamed = await startGraphHarness({
      simulator: { size: { users: 40, organizations: 120, largestOrganizationMembers: 4, applications: 2, statsDays: 2 } },
      // The free plan has no endpoint buckets: the tests' global pace is the only one.
      auth0: { plan: 'free' },
    });
    const page = await (await launched()).newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    const hold = streamed.sim.faults.hold((url) => url.pathname === '/api/v2/organizations' && url.searchParams.has('from'));
    try {
      const streamedOrigin = (await streamed.app.listen()).url;
      const [first] = streamed.sim.tenant.organizations;
      const last = streamed.sim.tenant.organizations.at(-1);
      if (first === undefined || last === undefined) throw new Error('the seeded tenant has no organizations');
      await page.goto(`${streamedOrigin}/graphql`);
      // The editor draws only its visible lines; the streamed example sits below the first one.
      await page.locator('.graphiql-query-editor .view-line').filter({ hasText: 'query SeatsPerOrganization' }).waitFor();
      await page.getByRole('button', { name: /^Execute query/ }).click();
      await page.getByRole('menuitem', { name: 'SeatsStreamed' }).click();
      const result = page.locator('.graphiql-response .view-lines');
      await result.locator('.view-line').filter({ hasText: `"name": "${first.name}"` }).waitFor();
      // The first rows are on screen while the second page is still held upstream.
      await hold.reached;
      expect(await result.innerText()).not.toContain(`"organizationId": "${last.id}"`);
      hold.release();
      // The editor draws only the lines in view, and the last row lands at the end once the stream is done; so
      // scroll to the end until it is drawn. (Waiting on the browser's `requestfinished` for a streamed fetch missed
      // the event now and then.)
      const lastRow = result.locator('.view-line').filter({ hasText: `"organizationId": "${last.id}"` });
      await expect
        .poll(
          async () => {
            await result.click();
            await page.keyboard.press('Control+End');
            return lastRow.count();
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
    } finally {
      hold.release();
      await page.close();
      await streamed.close();
    }
  });

  it('shows a live seats count change when the tenant changes it', async () => {
    const live = await startGraphHarness({ config: { feed: { mode: 'off', intervalMs: 1_000, maxStalenessMs: 600_000, webhookToken: undefined } } });
    const page = await (await launched()).newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    try {
      const liveOrigin = (await live.app.listen()).url;
      const [organization] = live.sim.tenant.organizations;
      if (organization === undefined) throw new Error('the seeded tenant has no organizations');
      const members = live.sim.tenant.members.get(organization.id) ?? [];
      // Counted now: the simulator adds a member to this very list.
      const seatsBefore = members.length;
      const joining = live.sim.tenant.users.find((user) => !members.some((member) => member.user_id === user.user_id));
      if (joining === undefined) throw new Error('every user is a member');
      const row = (seats: number) => `"organizationId": "${organization.id}", "name": "${organization.name}", "memberCount": ${seats}`;
      await page.goto(`${liveOrigin}/graphql`);
      await page.locator('.graphiql-query-editor .view-line').filter({ hasText: 'query SeatsPerOrganization' }).waitFor();
      await page.getByRole('button', { name: /^Execute query/ }).click();
      await page.getByRole('menuitem', { name: 'SeatsLive' }).click();
      const result = page.locator('.graphiql-response .view-lines');
      const shown = async () => (await result.innerText()).replace(/\s+/g, ' ');
      await expect.poll(shown, { timeout: 20_000 }).toContain(row(seatsBefore));
      // What the change feed does when it sees the membership in the tenant's logs.
      live.sim.addMember(organization.id, joining.user_id);
      live.app.invalidations.publish({ keys: [`Organization:${organization.id}`], cause: 'sapi' });
      await expect.poll(shown, { timeout: 20_000 }).toContain(row(seatsBefore + 1));
    } finally {
      await page.close();
      await live.close();
    }
  });
});
