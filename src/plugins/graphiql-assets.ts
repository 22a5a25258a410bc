import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GRAPHIQL_BOOT_SCRIPT } from './graphiql-page.ts';
import type { GraphiQLPageUrls } from './graphiql-page.ts';

/** Every GraphiQL asset is served under this path. */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

/** What `@graphql-yoga/render-graphiql/graphiql` exports: yoga's GraphiQL build as strings. */
export interface GraphiQLBundle {
  readonly js: string;
  readonly css: string;
  /** A `data:` URL. */
  readonly favicon: string;
  readonly editorWorkerService: string;
  readonly jsonWorker: string;
  readonly graphqlWorker: string;
}

export interface GraphiQLAsset {
  readonly contentType: string;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The body gzip-compressed, made on first use and kept. */
  gzipped(): Promise<Uint8Array<ArrayBuffer>>;
}

export interface GraphiQLAssets {
  /** Each asset by its path. A name carries a hash of its bytes, so what a path serves never changes. */
  readonly files: ReadonlyMap<string, GraphiQLAsset>;
  readonly urls: GraphiQLPageUrls;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const compress = promisify(gzip);

let loading: Promise<GraphiQLAssets> | undefined;

/**
 * yoga's GraphiQL build, about 9 MB, loaded on first use: a server on which nobody opens GraphiQL never
 * holds it. The npm package ships it whole, so nothing is fetched from a CDN, at install or in the browser.
 */
export function loadGraphiQLAssets(): Promise<GraphiQLAssets> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then(createGraphiQLAssets);
  return loading;
}

/** Names each part of the bundle by its content and decodes the favicon out of its `data:` URL. */
export function createGraphiQLAssets(bundle: GraphiQLBundle): GraphiQLAssets {
  const files = new Map<string, GraphiQLAsset>();
  const add = (stem: string, extension: string, contentType: string, body: Uint8Array<ArrayBuffer>): string => {
    const path = `${GRAPHIQL_ASSET_PREFIX}${stem}.${contentHash(body)}.${extension}`;
    files.set(path, createAsset(contentType, body));
    return path;
  };
  const text = (content: string) => Buffer.from(content, 'utf8');
  const favicon = decodeDataUrl(bundle.favicon);
  const urls: GraphiQLPageUrls = {
    script: add('graphiql', 'js', JS, text(bundle.js)),
    stylesheet: add('graphiql', 'css', CSS, text(bundle.css)),
    favicon: add('favicon', 'ico', favicon.contentType, favicon.body),
    boot: add('boot', 'js', JS, text(GRAPHIQL_BOOT_SCRIPT)),
    workers: {
      editorWorkerService: add('editor.worker', 'js', JS, text(bundle.editorWorkerService)),
      json: add('json.worker', 'js', JS, text(bundle.jsonWorker)),
      graphql: add('graphql.worker', 'js', JS, text(bundle.graphqlWorker)),
    },
  };
  return { files, urls };
}

function createAsset(contentType: string, body: Uint8Array<ArrayBuffer>): GraphiQLAsset {
  let gzipped: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return {
    contentType,
    body,
    gzipped: () => (gzipped ??= compress(body)),
  };
}

function contentHash(body: Uint8Array<ArrayBuffer>): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

function decodeDataUrl(url: string): { contentType: string; body: Uint8Array<ArrayBuffer> } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new Error('GraphiQL favicon is not a base64 data: URL; @graphql-yoga/render-graphiql changed its bundle format');
  }
  return { contentType: match[1], body: Buffer.from(match[2], 'base64') };
}
