import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startSecuredApp } from './security-app.ts';
import type { SecuredApp } from './security-app.ts';

/** GraphiQL on a server that requires API keys: the page and its assets load without one, queries do not. */
let secured: SecuredApp;
let page: string;
let pagePolicy: string | null;
beforeAll(async () => {
  secured = await startSecuredApp();
  const response = await get('/graphql', { accept: 'text/html' });
  expect(response.status).toBe(200);
  pagePolicy = response.headers.get('content-security-policy');
  page = await response.text();
});
afterAll(() => secured.close());

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return secured.app.fetch(new Request(`http://graph.test${path}`, { method, headers }));
}

/** Every asset URL the page refers to: script and link tags, and the worker URLs in its config block. */
function assetPaths(html: string): string[] {
  const tags = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
  const config = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}';
  const workers = Object.values((JSON.parse(config) as { workers?: Record<string, string> }).workers ?? {});
  return [...tags, ...workers];
}

describe('GraphiQL served from our own origin', () => {
  it('the page loads without credentials, refers only to /graphiql/ assets and carries the example queries', () => {
    expect(page).toContain('query SeatsPerOrganization');
    const paths = assetPaths(page);
    expect(paths).toHaveLength(7);
    for (const path of paths) expect(path).toMatch(/^\/graphiql\//);
    expect(page).not.toMatch(/unpkg|jsdelivr|https?:\/\//);
  });

  it('the page may run scripts and open connections on its own origin only, and may not be framed', () => {
    const directives = new Map((pagePolicy ?? '').split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources.join(' ')] as const;
    }));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });

  it('every asset answers without credentials, with its content type and cached for good', async () => {
    const types = new Map<string, RegExp>([
      ['.js', /^text\/javascript; charset=utf-8$/],
      ['.css', /^text\/css; charset=utf-8$/],
      ['.ico', /^image\/x-icon$/],
    ]);
    for (const path of assetPaths(page)) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const type = types.get(path.slice(path.lastIndexOf('.')));
      expect(response.headers.get('content-type'), path).toMatch(type ?? /^$/);
      expect(response.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-encoding'), path).toBeNull();
      expect((await response.arrayBuffer()).byteLength, path).toBe(Number(response.headers.get('content-length')));
    }
  });

  it('sends the same bytes gzip-compressed to a browser that accepts gzip', async () => {
    const [script] = assetPaths(page).filter((path) => path.endsWith('.js') && path.includes('/graphiql.'));
    if (script === undefined) throw new Error('no GraphiQL script in the page');
    const plain = Buffer.from(await (await get(script)).arrayBuffer());
    const response = await get(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    const compressed = Buffer.from(await response.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(plain.byteLength / 2);
    expect(gunzipSync(compressed).equals(plain)).toBe(true);
  });

  it('answers HEAD without a body, refuses other methods and unknown names', async () => {
    const [path = ''] = assetPaths(page);
    const head = await get(path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(path, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await get('/graphiql/graphiql.0000000000000000.js')).status).toBe(404);
  });

  it('queries from the page still need the key', async () => {
    expect((await secured.post('{ tenantStats { activeUsers } }', undefined, {})).status).toBe(401);
    const { status, body } = await secured.post('{ tenantStats { activeUsers } }', undefined, { 'x-api-key': API_KEY });
    expect(status).toBe(200);
    expect(body.data).toEqual({ tenantStats: { activeUsers: secured.sim.tenant.activeUsers } });
  });
});
