import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../src/cache/single-flight.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSingleFlight', () => {
  it('runs one task for concurrent callers of a key and forgets it once settled', async () => {
    const flights = createSingleFlight<string>();
    const gate = deferred<string>();
    let started = 0;
    const task = () => {
      started += 1;
      return gate.promise;
    };
    const first = flights.run('k', task);
    const second = flights.run('k', task);
    const other = flights.run('other', () => Promise.resolve('o'));
    expect([first.joined, second.joined, other.joined]).toEqual([false, true, false]);
    gate.resolve('v');
    await expect(Promise.all([first.result, second.result, other.result])).resolves.toEqual(['v', 'v', 'o']);
    expect(started).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('turns a synchronous throw into a rejection and does not keep the failure', async () => {
    const flights = createSingleFlight<string>();
    await expect(
      flights.run('k', () => {
        throw new Error('boom');
      }).result,
    ).rejects.toThrow('boom');
    await expect(flights.run('k', () => Promise.resolve('ok')).result).resolves.toBe('ok');
  });

  it('aborts the task only when the last caller with a deadline has left', async () => {
    const flights = createSingleFlight<string>();
    let taskSignal: AbortSignal | undefined;
    const task = (signal: AbortSignal) => {
      taskSignal = signal;
      return new Promise<string>(() => {});
    };
    const a = new AbortController();
    const b = new AbortController();
    const first = flights.run('k', task, a.signal);
    const second = flights.run('k', task, b.signal);
    a.abort(new Error('a gave up'));
    await expect(first.result).rejects.toThrow('a gave up');
    expect(taskSignal?.aborted).toBe(false);
    b.abort(new Error('b gave up'));
    await expect(second.result).rejects.toThrow('b gave up');
    expect(taskSignal?.aborted).toBe(true);
    expect(flights.size).toBe(0);
  });

  it('never aborts a task someone waits for without a deadline', async () => {
    const flights = createSingleFlight<string>();
    let taskSignal: AbortSignal | undefined;
    const gate = deferred<string>();
    const task = (signal: AbortSignal) => {
      taskSignal = signal;
      return gate.promise;
    };
    const controller = new AbortController();
    const bounded = flights.run('k', task, controller.signal);
    const unbounded = flights.run('k', task);
    controller.abort(new Error('gone'));
    await expect(bounded.result).rejects.toThrow('gone');
    expect(taskSignal?.aborted).toBe(false);
    gate.resolve('v');
    await expect(unbounded.result).resolves.toBe('v');
  });

  it('does not start a task for a caller whose deadline already passed', async () => {
    const flights = createSingleFlight<string>();
    let started = false;
    const controller = new AbortController();
    controller.abort(new Error('late'));
    const { result } = flights.run(
      'k',
      () => {
        started = true;
        return Promise.resolve('v');
      },
      controller.signal,
    );
    await expect(result).rejects.toThrow('late');
    expect(started).toBe(false);
  });
});
