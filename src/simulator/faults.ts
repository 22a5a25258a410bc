/**
 * Runtime switches for failure injection. Tests flip them on a running simulator; every call reads
 * them afresh.
 */
export interface Faults {
  /** Fraction (0–1) of API calls answered with a 500 or 503. */
  errorRate: number;
  /** Every API call is answered 429 until this clock time (ms). */
  rateLimitStorm: { untilMs: number } | undefined;
  /** Fraction (0–1) of API calls whose socket is destroyed without a response. */
  dropConnections: number;
  /** `true`: `/oauth/token` answers 503; `'drop'`: it destroys the socket. */
  tokenEndpointDown: boolean | 'drop';
  /** Extra delay (ms) before every response. */
  slowMs: number;
  /** `/users` searches (`q`) answer 503 with Auth0's timeout message. */
  searchTimeout: boolean;
  /** Tokens issued before this clock time (ms) are answered 401, as if expired. */
  expireTokensIssuedBefore(ms: number): void;
  /** Every token issued so far is answered 401; tokens issued later work. */
  revokeAllTokens(): void;
  /** Back to no faults (does not un-revoke tokens). */
  reset(): void;
}

export function createFaults(tokens: { expireIssuedBefore(ms: number): void; revokeAll(): void }): Faults {
  return {
    errorRate: 0,
    rateLimitStorm: undefined,
    dropConnections: 0,
    tokenEndpointDown: false,
    slowMs: 0,
    searchTimeout: false,
    expireTokensIssuedBefore: (ms) => tokens.expireIssuedBefore(ms),
    revokeAllTokens: () => tokens.revokeAll(),
    reset() {
      this.errorRate = 0;
      this.rateLimitStorm = undefined;
      this.dropConnections = 0;
      this.tokenEndpointDown = false;
      this.slowMs = 0;
      this.searchTimeout = false;
    },
  };
}
