/** Answers held back by `Faults.hold`, for tests that must see a caller mid-flight without timing it. */
export interface Hold {
  /** Settles when the first matching call is held. */
  readonly reached: Promise<void>;
  /** Settles when a caller gives up on a held call (closes its connection) before the answer. */
  readonly abandoned: Promise<void>;
  /** Lets every held answer, and every later matching one, go. */
  release(): void;
}

/** @internal how the server waits on a hold. */
export interface HeldCall {
  readonly released: Promise<void>;
  /** The server calls this when the caller hung up on it. */
  abandon(): void;
}

/**
 * Runtime switches for failure injection. Tests flip them on a running simulator; every call reads
 * them afresh.
 */
export interface Faults {
  /** Fraction (0–1) of API calls answered with a 500 or 503. */
  errorRate: number;
  /** API calls this picks are answered 503, whatever `errorRate` says: one endpoint failing while the rest answer. */
  failing: ((url: URL) => boolean) | undefined;
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
  /** Answers to the API calls `matches` picks wait until released (the call is logged when it arrives). */
  hold(matches: (url: URL) => boolean): Hold;
  /** @internal the server asks before it answers. */
  heldCall(url: URL): HeldCall | undefined;
  /** Back to no faults, every hold released (does not un-revoke tokens). */
  reset(): void;
}

interface ActiveHold {
  readonly matches: (url: URL) => boolean;
  readonly call: HeldCall;
  reach(): void;
  release(): void;
}

function createHold(matches: (url: URL) => boolean, holds: ActiveHold[]): Hold {
  let reach = (): void => {};
  let abandon = (): void => {};
  let release = (): void => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const abandoned = new Promise<void>((resolve) => (abandon = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const active: ActiveHold = { matches, call: { released, abandon }, reach, release };
  holds.push(active);
  return {
    reached,
    abandoned,
    release() {
      const index = holds.indexOf(active);
      if (index >= 0) holds.splice(index, 1);
      release();
    },
  };
}

export function createFaults(tokens: { expireIssuedBefore(ms: number): void; revokeAll(): void }): Faults {
  const holds: ActiveHold[] = [];
  return {
    errorRate: 0,
    failing: undefined,
    rateLimitStorm: undefined,
    dropConnections: 0,
    tokenEndpointDown: false,
    slowMs: 0,
    searchTimeout: false,
    expireTokensIssuedBefore: (ms) => tokens.expireIssuedBefore(ms),
    revokeAllTokens: () => tokens.revokeAll(),
    hold: (matches) => createHold(matches, holds),
    heldCall(url) {
      const active = holds.find((hold) => hold.matches(url));
      active?.reach();
      return active?.call;
    },
    reset() {
      for (const hold of holds.splice(0)) hold.release();
      this.errorRate = 0;
      this.failing = undefined;
      this.rateLimitStorm = undefined;
      this.dropConnections = 0;
      this.tokenEndpointDown = false;
      this.slowMs = 0;
      this.searchTimeout = false;
    },
  };
}
