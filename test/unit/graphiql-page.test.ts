import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createGraphiQLAssets } from '../../src/plugins/graphiql-assets.ts';
import type { GraphiQLBundle } from '../../src/plugins/graphiql-assets.ts';
import { renderGraphiQLPage } from '../../src/plugins/graphiql-page.ts';
import type { GraphiQLPageUrls } from '../../src/plugins/graphiql-page.ts';
import { acceptsGzip } from '../../src/plugins/use-graphiql-assets.ts';

const URLS: GraphiQLPageUrls = {
  script: '/graphiql/graphiql.1.js',
  stylesheet: '/graphiql/graphiql.2.css',
  favicon: '/graphiql/favicon.3.ico',
  boot: '/graphiql/boot.4.js',
  workers: { editorWorkerService: '/graphiql/editor.worker.5.js', json: '/graphiql/json.worker.6.js', graphql: '/graphiql/graphql.worker.7.js' },
};

const BUNDLE: GraphiQLBundle = {
  js: 'window.YogaGraphiQL = {};',
  css: 'body { margin: 0 }',
  favicon: `data:image/x-icon;base64,${Buffer.from('icon bytes').toString('base64')}`,
  editorWorkerService: 'self.editor = 1;',
  jsonWorker: 'self.json = 1;',
  graphqlWorker: 'self.graphql = 1;',
};

function configBlock(page: string): unknown {
  const match = /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(page);
  if (match?.[1] === undefined) throw new Error('no config block in the page');
  return JSON.parse(match[1]);
}

describe('renderGraphiQLPage', () => {
  it('refers to the given asset URLs only, with no inline code', () => {
    const page = renderGraphiQLPage(URLS, { title: 'auth0-graph' });
    expect(page).toContain('<script src="/graphiql/boot.4.js"></script>');
    expect(page).toContain('<script src="/graphiql/graphiql.1.js"></script>');
    expect(page).toContain('<link rel="stylesheet" href="/graphiql/graphiql.2.css">');
    expect(page).toContain('<link rel="icon" href="/graphiql/favicon.3.ico">');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page.match(/<script>/g)).toBeNull();
  });

  it('boots before the bundle loads, so Monaco finds its workers when it starts', () => {
    const page = renderGraphiQLPage(URLS, {});
    expect(page.indexOf(URLS.boot)).toBeLessThan(page.indexOf(URLS.script));
    expect(configBlock(page)).toEqual({ workers: URLS.workers, options: {} });
  });

  it('carries a query that contains </script> as data, not markup', () => {
    const defaultQuery = '# </script><script>alert(1)</script>\n{ __typename }';
    const page = renderGraphiQLPage(URLS, { title: 'a', defaultQuery });
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(configBlock(page)).toEqual({ workers: URLS.workers, options: { title: 'a', defaultQuery } });
  });

  it('escapes the title', () => {
    const page = renderGraphiQLPage(URLS, { title: '<b>"A" & B</b>' });
    expect(page).toContain('<title>&#60;b&#62;&#34;A&#34; &#38; B&#60;/b&#62;</title>');
    expect(page).not.toContain('<b>');
  });
});

describe('createGraphiQLAssets', () => {
  it('serves every part of the bundle under /graphiql/ with its content type', () => {
    const { files, urls } = createGraphiQLAssets(BUNDLE);
    const all = [urls.script, urls.stylesheet, urls.favicon, urls.boot, ...Object.values(urls.workers)];
    expect(new Set(all).size).toBe(7);
    expect([...files.keys()].sort()).toEqual([...all].sort());
    for (const path of all) expect(path).toMatch(/^\/graphiql\/[a-z.]+\.[0-9a-f]{16}\.(js|css|ico)$/);
    expect(files.get(urls.script)?.contentType).toBe('text/javascript; charset=utf-8');
    expect(files.get(urls.workers.json)?.contentType).toBe('text/javascript; charset=utf-8');
    expect(files.get(urls.stylesheet)?.contentType).toBe('text/css; charset=utf-8');
    expect(Buffer.from(files.get(urls.script)?.body ?? []).toString()).toBe(BUNDLE.js);
  });

  it('decodes the favicon out of its data: URL', () => {
    const { files, urls } = createGraphiQLAssets(BUNDLE);
    const favicon = files.get(urls.favicon);
    expect(favicon?.contentType).toBe('image/x-icon');
    expect(Buffer.from(favicon?.body ?? []).toString()).toBe('icon bytes');
  });

  it('names a file by its content: a changed script gets a new URL, the rest keep theirs', () => {
    const before = createGraphiQLAssets(BUNDLE).urls;
    const after = createGraphiQLAssets({ ...BUNDLE, js: `${BUNDLE.js}\n// changed` }).urls;
    expect(after.script).not.toBe(before.script);
    expect({ ...after, script: before.script }).toEqual(before);
  });

  it('compresses once and keeps it', async () => {
    const { files, urls } = createGraphiQLAssets(BUNDLE);
    const asset = files.get(urls.stylesheet);
    if (asset === undefined) throw new Error('no stylesheet');
    const first = await asset.gzipped();
    expect(gunzipSync(first).toString()).toBe(BUNDLE.css);
    expect(await asset.gzipped()).toBe(first);
  });

  it('refuses a bundle whose favicon is not a base64 data: URL', () => {
    expect(() => createGraphiQLAssets({ ...BUNDLE, favicon: 'https://example.com/favicon.ico' })).toThrow(/favicon/);
  });
});

describe('acceptsGzip', () => {
  it.each([
    [null, false],
    ['', false],
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['identity', false],
    ['br', false],
    ['gzip;q=0', false],
    ['gzip; q=0.000', false],
    ['*', true],
    ['*;q=0', false],
    ['gzip;q=0, *', false],
    ['br, *;q=0.1', true],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
