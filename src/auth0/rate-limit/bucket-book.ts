import type { EndpointGroup } from '../types.ts';
import { attributeHeaders } from './bucket-attribution.ts';
import { createAdaptiveBucket, createLearnedBucket } from './header-correction.ts';
import type { AdaptiveBucket } from './header-correction.ts';
import type { BucketLimit, RateLimitPreset } from './presets.ts';
import { refill } from './token-bucket.ts';

/** One local bucket; several lanes may draw from it when the headers show they share Auth0's. */
export interface Holder {
  /** Stable within the tenant, e.g. `global`, `users`, `size-40`: its key in a shared budget. */
  readonly name: string;
  adaptive: AdaptiveBucket;
  /** Our requests granted from it and not yet answered. */
  inFlight: number;
  /** When a response last described it. */
  seenAt: number;
}

export type BudgetSource = 'configured' | 'assumed' | 'learned';

/** Which local buckets stand for the tenant's: what each lane draws from, and which one a response describes. */
export interface BucketBook {
  readonly global: Holder | undefined;
  /** The lane's own buckets, the global one aside; a request takes a token from each. */
  bucketsOf(group: EndpointGroup): readonly Holder[];
  /** The bucket a response's `x-ratelimit-limit` describes, after the lane has been pointed at it. */
  describe(group: EndpointGroup, limit: number | undefined, now: number): Holder | undefined;
  sourceOf(holder: Holder): BudgetSource;
}

export const GROUPS: readonly EndpointGroup[] = ['users', 'organizations', 'organization-members', 'member-roles', 'other'];

const holder = (name: string, adaptive: AdaptiveBucket, now: number): Holder => ({ name, adaptive, inFlight: 0, seenAt: now });

const isLearned = (adaptive: AdaptiveBucket): boolean => adaptive.learnedBurst !== undefined || adaptive.learnedPerSecond !== undefined;

/** A plan or AUTH0_RATE_LIMIT/BURST: its buckets as configured, lowered by the headers, never raised. */
export function createFixedBook(preset: RateLimitPreset, now: number): BucketBook {
  const global = preset.global && holder('global', createAdaptiveBucket(preset.global, now), now);
  const lanes = new Map<EndpointGroup, Holder[]>();
  const metThroughHeaders = new Set<Holder>();
  for (const group of GROUPS) {
    const limit = preset.groups[group];
    lanes.set(group, limit === undefined ? [] : [holder(group, createAdaptiveBucket(limit, now), now)]);
  }
  return {
    global,
    bucketsOf: (group) => lanes.get(group) ?? [],
    describe(group, limit, at) {
      const own = lanes.get(group)?.[0];
      const attribution = attributeHeaders(limit, own?.adaptive.configured.burst, global?.adaptive.configured.burst);
      if (attribution === 'learn-lane' && limit !== undefined) {
        const learned = holder(group, createLearnedBucket(limit, global?.adaptive.configured ?? { burst: limit, perSecond: limit }, at), at);
        lanes.set(group, [learned]);
        metThroughHeaders.add(learned);
        return learned;
      }
      return attribution === 'lane' ? own : attribution === 'global' ? global : undefined;
    },
    sourceOf: (candidate) => (metThroughHeaders.has(candidate) || isLearned(candidate.adaptive) ? 'learned' : 'configured'),
  };
}

/** A bucket size stays in a lane's set this long after a response last reported it. */
const SIZE_MEMORY_MS = 30_000;

/**
 * `auto`: every lane starts on one shared bucket at `start` pace (the Free plan's). A response's bucket size names
 * the bucket that answered: lanes reporting the same size draw from one local bucket, since Auth0's global bucket
 * answers for every lane without its own (Free, and Enterprise's user and "other" reads). Two distinct buckets of
 * the same size are merged too, which only errs slow. A lane draws from every size it has seen recently, so a
 * lane whose routes answer from two buckets (a route row finer than the lane) paces for both. The ceiling's global
 * bucket stays as it is, bounding all lanes together; the lane buckets rise and fall with the headers.
 */
export function createLearningBook(ceiling: RateLimitPreset, start: BucketLimit, now: number): BucketBook {
  const global = ceiling.global && holder('global', createAdaptiveBucket(ceiling.global, now), now);
  const widest = ceiling.global ?? { burst: Infinity, perSecond: Infinity };
  const assumed = holder('start', createAdaptiveBucket(widest, now, start), now);
  const bySize = new Map<number, Holder>();
  const lanes = new Map<EndpointGroup, Holder[]>(GROUPS.map((group) => [group, [assumed]]));
  return {
    global,
    bucketsOf: (group) => lanes.get(group) ?? [],
    describe(group, limit, at) {
      const current = lanes.get(group) ?? [];
      if (limit === undefined || limit < 1) return current.length === 1 ? current[0] : undefined;
      // The call that answers for a lane first was paced on the assumed bucket, which stands for the Free plan's
      // global one. An answer from a bucket of another size shows that call drew on that bucket instead: its token
      // goes back, so the next lane's first call does not wait a Free refill for a token nobody spent
      // (docs/design.md#never-over-the-rate-limit).
      if (current.includes(assumed) && limit !== start.burst) {
        const bucket = refill(assumed.adaptive.bucket, at);
        assumed.adaptive = { ...assumed.adaptive, bucket: { ...bucket, tokens: Math.min(bucket.capacity, bucket.tokens + 1) } };
      }
      let sized = bySize.get(limit);
      if (sized === undefined) {
        sized = holder(`size-${limit}`, createLearnedBucket(limit, ceiling.groups[group] ?? widest, at, start), at);
        bySize.set(limit, sized);
      }
      sized.seenAt = at;
      const kept = current.filter((candidate) => candidate !== assumed && candidate !== sized && at - candidate.seenAt <= SIZE_MEMORY_MS);
      lanes.set(group, [...kept, sized]);
      return sized;
    },
    sourceOf: (candidate) => (candidate === assumed ? 'assumed' : candidate === global ? 'configured' : 'learned'),
  };
}
