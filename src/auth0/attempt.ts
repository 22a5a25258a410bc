import type { ResponseHeaders } from './rate-limit/headers.ts';
import type { EndpointGroup, Flow } from './types.ts';

/** One upstream attempt as it passes down the layers; each layer adds what it knows. */
export interface Attempt {
  /** Path under the origin, query included. */
  readonly path: string;
  readonly route: string;
  readonly group: EndpointGroup;
  /** Epoch ms after which nothing more may be attempted. */
  readonly deadline: number;
  readonly signal: AbortSignal;
  /** The request this call serves, for the limiter's turns (Auth0Request.flow). */
  readonly flow?: Flow;
  /** Told when an attempt leaves the process: a call the limiter refused before any did is no upstream call. */
  readonly onSent?: () => void;
  /** 1 for the first attempt. */
  readonly number: number;
  /** Retries go ahead of new work in the limiter queue. */
  readonly priority: boolean;
  /** Background work goes behind all other work in the limiter queue. */
  readonly background?: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

export interface AttemptResult {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: unknown;
  /** Limiter wait for this attempt. */
  readonly waitMs: number;
}

export type AttemptFn = (attempt: Attempt) => Promise<AttemptResult>;
