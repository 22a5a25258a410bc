/**
 * Concurrent calls for one key share one underlying task. Each caller may bring its own
 * AbortSignal: aborting it only detaches that caller. The shared task gets its own signal, aborted
 * when the last caller with a deadline has left, so it lives exactly as long as the longest
 * remaining deadline (forever if any caller brought none). A failed task is forgotten at once, so
 * a failure never poisons the next call.
 */

interface Flight<T> {
  readonly task: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
  /** Some caller waits without a deadline, so the task must never be aborted. */
  unbounded: boolean;
}

export interface SingleFlight<T> {
  /**
   * Starts `task` for `key`, or joins the one already running. The result rejects with the
   * caller's `signal.reason` when that signal aborts first; the task itself carries on for others.
   */
  run(
    key: string,
    task: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): { joined: boolean; result: Promise<T> };
  /**
   * Lets later callers of `key` start a task of their own; the running one still answers those who joined it.
   */
  forget(key: string): void;
  /** Keys with a task in flight. */
  readonly size: number;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Flight<T>>();

  function forget(key: string, flight: Flight<T>): void {
    if (flights.get(key) === flight) flights.delete(key);
  }

  function start(key: string, task: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    // An async wrapper turns a synchronous throw of `task` into a rejection like any other.
    const run = async (): Promise<T> => task(controller.signal);
    const flight: Flight<T> = { task: run(), controller, waiters: 0, unbounded: false };
    flights.set(key, flight);
    const done = (): void => forget(key, flight);
    flight.task.then(done, done);
    return flight;
  }

  function wait(key: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters += 1;
    if (signal === undefined) {
      flight.unbounded = true;
      return flight.task;
    }
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        flight.waiters -= 1;
        if (flight.waiters === 0 && !flight.unbounded) {
          forget(key, flight);
          flight.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      if (signal.aborted) {
        leave();
        return;
      }
      signal.addEventListener('abort', leave, { once: true });
      flight.task.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  return {
    run(key, task, signal) {
      const running = flights.get(key);
      if (running === undefined && signal?.aborted === true) {
        return { joined: false, result: Promise.reject(signal.reason) };
      }
      const flight = running ?? start(key, task);
      return { joined: running !== undefined, result: wait(key, flight, signal) };
    },
    forget(key) {
      flights.delete(key);
    },
    get size() {
      return flights.size;
    },
  };
}
