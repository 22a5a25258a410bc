import type { GrantedScopes } from './granted-scopes.ts';
import type { Verdict } from './verdict.ts';

/** The Scopes line: what the token is granted and who said so, or why nobody could. */
export function describeScopes(granted: GrantedScopes): string {
  if (!granted.known) return `unknown: ${granted.reason}; each group is judged by its call alone`;
  const list = [...granted.scopes].sort().join(' ') || '(none)';
  return granted.source === 'token' ? list : `${list} (from the client grant of client ${granted.clientId ?? '?'}; the token has no scope claim)`;
}

/** Where the missing scopes go, and for a static token, that it must be issued again to carry them. */
export function fixLines(verdicts: readonly Verdict[], app: { readonly staticToken: boolean; readonly clientId: string | undefined }): string[] {
  const missing = [...new Set(verdicts.flatMap((v) => v.missing))];
  if (missing.length === 0) return [];
  const to = app.clientId !== undefined ? `client ${app.clientId}` : 'the application AUTH0_TOKEN was issued to';
  return [
    `Fix         grant ${missing.join(' ')} to ${to} on the Auth0 Management API`,
    '            (Dashboard → Applications → APIs → Auth0 Management API → Machine To Machine Applications)',
    ...(app.staticToken ? ['            then issue a new AUTH0_TOKEN: a token keeps the scopes it was issued with'] : []),
  ];
}
