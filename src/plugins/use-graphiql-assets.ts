import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { GRAPHIQL_ASSET_PREFIX, loadGraphiQLAssets } from './graphiql-assets.ts';
import { renderGraphiQLPage } from './graphiql-page.ts';

/** Content-addressed names never change their bytes, so browsers may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The page runs our own scripts and talks to our own origin only; Monaco sets inline styles and the
 * stylesheet embeds its fonts and icons as data: URLs. No framing: the page drives queries over personal data.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves GraphiQL's scripts, styles and workers from our own origin under `/graphiql/`, instead of yoga's
 * default page pulling them from unpkg.com: GraphiQL then works offline, and an admin UI over personal
 * data runs no third-party code (the page's content security policy holds it to that). The assets hold no
 * tenant data, so install this before `useCallerAuth`: the page loads without credentials and its queries
 * still need them.
 */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return;
      endResponse(await assetResponse(request, url.pathname));
    },
    onResponse({ response }) {
      // The only HTML this server sends is yoga's GraphiQL page, rendered by `renderLocalGraphiQL`.
      if (response.headers.get('content-type')?.startsWith('text/html')) response.headers.set('content-security-policy', PAGE_POLICY);
    },
  };
}

/** yoga's `renderGraphiQL`: the page that refers to the assets `useGraphiQLAssets` serves. */
export async function renderLocalGraphiQL(options: GraphiQLOptions): Promise<string> {
  const { urls } = await loadGraphiQLAssets();
  return renderGraphiQLPage(urls, options);
}

async function assetResponse(request: Request, path: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } });
  }
  const asset = (await loadGraphiQLAssets()).files.get(path);
  if (asset === undefined) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const compressed = acceptsGzip(request.headers.get('accept-encoding'));
  const body = compressed ? await asset.gzipped() : asset.body;
  const headers = new Headers({
    'content-type': asset.contentType,
    'content-length': String(body.byteLength),
    'cache-control': IMMUTABLE,
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  });
  if (compressed) headers.set('content-encoding', 'gzip');
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** Whether `accept-encoding` admits gzip: listed by name (or by `*` when not named) with a nonzero `q`. */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = weights.get('gzip') ?? weights.get('*') ?? 0;
  return weight > 0;
}
