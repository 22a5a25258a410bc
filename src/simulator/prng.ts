/** A small seeded PRNG (mulberry32) so the same seed always yields the same tenant and faults. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    string(length, alphabet = ALPHANUMERIC) {
      // One flat string: appending a character at a time leaves V8 a chain of cons strings per id, which
      // a 100,000-user tenant pays for in heap and in garbage collection.
      const codes = new Array<number>(length);
      for (let i = 0; i < length; i += 1) codes[i] = alphabet.charCodeAt(int(0, alphabet.length - 1));
      return String.fromCharCode(...codes);
    },
  };
}

export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';
