import type { GraphiQLOptions } from 'graphql-yoga';

/** Where the page finds each of its assets; all on our own origin. */
export interface GraphiQLPageUrls {
  readonly script: string;
  readonly stylesheet: string;
  readonly favicon: string;
  readonly boot: string;
  /** Monaco's web workers by the label Monaco asks for. */
  readonly workers: Readonly<Record<'editorWorkerService' | 'json' | 'graphql', string>>;
}

/**
 * Runs before yoga's GraphiQL bundle: points Monaco at our worker files (module workers, same origin), and
 * renders once the bundle has loaded. The page's options travel as a JSON block instead of inline code, so
 * the page needs no inline script and works under a `script-src 'self'` policy.
 */
export const GRAPHIQL_BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return config.workers[label];
    },
  };
  document.addEventListener('DOMContentLoaded', function () {
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), config.options);
  });
})();
`;

/** The GraphiQL page: a shell that refers to our own asset URLs and carries the options as data. */
export function renderGraphiQLPage(urls: GraphiQLPageUrls, options: GraphiQLOptions): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  const config = scriptSafeJson({ workers: urls.workers, options });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>`,
    `<link rel="icon" href="${escapeHtml(urls.favicon)}">`,
    `<link rel="stylesheet" href="${escapeHtml(urls.stylesheet)}">`,
    '</head>',
    '<body id="body" class="no-focus-outline">',
    '<noscript>GraphiQL needs JavaScript.</noscript>',
    `<div id="root">Loading ${title}…</div>`,
    `<script type="application/json" id="graphiql-config">${config}</script>`,
    `<script src="${escapeHtml(urls.boot)}"></script>`,
    `<script src="${escapeHtml(urls.script)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON that cannot end its `<script>` element early: every `<` is written as its JSON escape. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
