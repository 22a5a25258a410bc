import { describe, expect, it } from 'vitest';
import { resolveBudget } from '../../src/auth0/rate-limit/presets.ts';
import { createRateLimiter } from '../../src/auth0/rate-limit/rate-limiter.ts';
import { createBudgetLog } from '../../src/observability/budget-log.ts';
import { createFakeClock } from './auth0-fake-clock.ts';

describe('createBudgetLog', () => {
  it('reports the budget when the headers change a lane, and stays quiet otherwise', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ ...resolveBudget('auto', undefined, undefined), clock });
    const reports: string[] = [];
    const check = createBudgetLog(limiter, (budget) => reports.push(budget));
    check();
    expect(reports).toEqual([]);

    const answer = async (remaining: number): Promise<void> => {
      await limiter.acquire('users', { route: '/users', deadline: clock.now() + 10_000, signal: new AbortController().signal, priority: false, notBefore: 0 });
      const reset = String(Math.ceil(clock.now() / 1000) + 1);
      limiter.settle('users', { status: 200, headers: { 'x-ratelimit-limit': '40', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset }, body: [], sentAt: clock.now() });
      check();
    };
    await answer(39);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^global 40 burst 15\.84\/s configured, users 32 burst [\d.]+\/s learned, organizations 1 burst 1\.98\/s assumed/);
    await answer(38);
    expect(reports).toHaveLength(1);
  });
});
