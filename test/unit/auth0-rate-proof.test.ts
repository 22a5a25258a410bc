import { describe, expect, it } from 'vitest';
import { observe, provenRate } from '../../src/auth0/rate-limit/rate-proof.ts';
import type { Observation } from '../../src/auth0/rate-limit/rate-proof.ts';

type Answer = Omit<Observation, 'tookThrough'>;

const answer = (sentAt: number, recvAt: number, remaining: number, took = true, inFlightAfter = 0): Answer => ({ sentAt, recvAt, remaining, took, inFlightAfter });

function logOf(answers: readonly Answer[]): readonly Observation[] {
  return answers.reduce<readonly Observation[]>((log, next) => observe(log, next, 30_000), []);
}

describe('provenRate', () => {
  it.each([
    ['one answer proves nothing', [answer(0, 50, 5)], undefined],
    ['a full bucket staying full proves only what we took', [answer(0, 50, 9), answer(1_000, 1_050, 9)], undefined],
    // 0 → 4 left while taking one more: more than 4 tokens came in, over at most 2 s (1.05 s rounded up).
    ['remaining rising', [answer(0, 50, 0), answer(1_000, 1_050, 4)], 2],
    ['the same rise within whole seconds', [answer(0, 50, 0), answer(900, 950, 4)], 4],
    // Two answered in between and the last: 3 taken, 0 → 0 left, so more than 2 tokens in 2 s.
    ['our own requests in between count', [answer(0, 10, 0), answer(300, 310, 0), answer(600, 610, 0), answer(1_500, 1_510, 0)], 1],
    // The same, but both middle requests were already in flight when the first came back: they may predate it.
    ['requests in flight across the first answer do not count', [answer(0, 10, 0, true, 2), answer(5, 310, 0, true, 1), answer(8, 610, 0), answer(1_500, 1_510, 0)], undefined],
    // A 429 took no token: 0 → 0 with nothing taken proves nothing.
    ['a 429 takes no token', [answer(0, 10, 0), answer(500, 510, 0, false)], undefined],
    ['an answer sent before the earlier one came back is not compared with it', [answer(0, 100, 0), answer(50, 150, 5)], undefined],
    // Against the first: 31 tokens over 5 s; against the second: 30 over 1 s.
    ['the best pair wins', [answer(0, 10, 0), answer(4_000, 4_010, 0), answer(4_900, 4_910, 30)], 30],
  ] as const)('%s', (_name, answers, rate) => {
    expect(provenRate(logOf(answers))).toBe(rate);
  });

  it('forgets answers older than its memory and counts taken requests through them', () => {
    const log = [answer(0, 10, 0), answer(20_000, 20_010, 0), answer(40_000, 40_010, 0)].reduce<readonly Observation[]>(
      (kept, next) => observe(kept, next, 30_000),
      [],
    );
    expect(log.map((entry) => entry.sentAt)).toEqual([20_000, 40_000]);
    expect(log.map((entry) => entry.tookThrough)).toEqual([2, 3]);
  });
});
